// Runs when the plugin has the start and stop goals (the plugin jar is on the script class path).
def descriptor = getClass().classLoader.getResource('META-INF/maven/plugin.xml')
def goals = new groovy.xml.XmlSlurper().parse(descriptor.openStream()).mojos.mojo.goal*.text()
return goals.containsAll(['start', 'stop'])
