import com.hotgigs.migrate.it.InvokerDatabase

def database = InvokerDatabase.create()
def role = database + '_app'
// Made by the project's beforeMigrate callback; dropped by verify.groovy.
context.put('database', database)
context.put('role', role)
context.get('userProperties').put('hotgigs.url', InvokerDatabase.url(database))
context.get('userProperties').put('hotgigs.placeholders.app_role', role)
return true
