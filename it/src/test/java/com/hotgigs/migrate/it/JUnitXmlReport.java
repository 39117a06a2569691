package com.hotgigs.migrate.it;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JUnit XML report a build wrote, read as a CI server reads it. */
public record JUnitXmlReport(Element suite, List<Case> cases) {

    /** One test case: its outcome is the name of its child element (failure, error, skipped), or passed. */
    public record Case(String name, String file, String line, String outcome, String message, String type, String text) {
    }

    public static JUnitXmlReport read(Path file) {
        try {
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
            List<Case> cases = new ArrayList<>();
            NodeList elements = suite.getElementsByTagName("testcase");
            for (int i = 0; i < elements.getLength(); i++) {
                cases.add(toCase((Element) elements.item(i)));
            }
            return new JUnitXmlReport(suite, cases);
        } catch (Exception e) {
            throw new AssertionError("could not parse " + file + " as XML: " + e, e);
        }
    }

    public Case testCase(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test case " + name + " in " + cases));
    }

    public int count(String attribute) {
        return Integer.parseInt(suite.getAttribute(attribute));
    }

    private static Case toCase(Element element) {
        for (String outcome : List.of("failure", "error", "skipped")) {
            NodeList found = element.getElementsByTagName(outcome);
            if (found.getLength() > 0) {
                Element child = (Element) found.item(0);
                return new Case(element.getAttribute("name"), element.getAttribute("file"), element.getAttribute("line"), outcome,
                        child.getAttribute("message"), child.getAttribute("type"), child.getTextContent());
            }
        }
        return new Case(element.getAttribute("name"), element.getAttribute("file"), element.getAttribute("line"), "passed",
                "", "", element.getTextContent());
    }
}
