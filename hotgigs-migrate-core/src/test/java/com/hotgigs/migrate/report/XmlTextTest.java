package com.hotgigs.migrate.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class XmlTextTest {

    @Test
    void markupCharactersAreEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; 'd'", XmlText.escape("a <b> & \"c\" 'd'"));
    }

    @Test
    void aServerMessageSurvivesAsAnAttributeAndAsTextLineBreaksIncluded() throws Exception {
        String message = "ERROR: relation \"offers\" does not exist\n\tat line 2 <here> & there \u00e9\ud83d\ude00";
        String xml = "<r a=\"" + XmlText.escape(message) + "\">" + XmlText.escape(message) + "</r>";

        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();

        assertEquals(message, root.getAttribute("a"));
        assertEquals(message, root.getTextContent());
    }

    @Test
    void charactersXmlCannotHoldBecomeReplacementCharacters() throws Exception {
        String xml = "<r>" + XmlText.escape("nul\u0000 bell\u0007 lone\ud800 end") + "</r>";

        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();

        assertEquals("nul\ufffd bell\ufffd lone\ufffd end", root.getTextContent());
    }
}
