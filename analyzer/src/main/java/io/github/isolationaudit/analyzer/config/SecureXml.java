package io.github.isolationaudit.analyzer.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK's DOM parser, locked down for files from the scanned project: secure processing on, no
 * external entities, no external DTDs, no XInclude.
 */
final class SecureXml {

  private SecureXml() {}

  /**
   * Parses a document from its bytes, so that the parser finds the encoding the way XML says: a
   * byte-order mark, else the {@code encoding} of the XML declaration, else UTF-8.
   *
   * @param allowDoctype whether a DOCTYPE declaration may appear; {@code testng.xml} files carry
   *     one by convention (it is never loaded), poms never do, so poms refuse it outright
   */
  static Document parse(byte[] bytes, boolean allowDoctype) throws SAXException {
    try {
      DocumentBuilder builder = factory(allowDoctype).newDocumentBuilder();
      // Belt and braces: even if a feature above were ignored, nothing is fetched.
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder.parse(new InputSource(new ByteArrayInputStream(bytes)));
    } catch (java.io.CharConversionException | java.io.UnsupportedEncodingException e) {
      // Bytes that are not of the declared (or default) encoding, or an encoding the JDK lacks.
      throw new SAXException(
          "its bytes are not text in the encoding it declares (UTF-8 if none)", e);
    } catch (IOException e) {
      // Reading bytes in memory cannot fail; an I/O error here can only come from a blocked fetch.
      throw new SAXException("could not be read: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be configured", e);
    }
  }

  /** A user-facing description of why a document did not parse, with line and column. */
  static String describe(SAXException e) {
    if (e instanceof SAXParseException p && p.getLineNumber() > 0) {
      return "not well-formed XML at line "
          + p.getLineNumber()
          + ", column "
          + p.getColumnNumber()
          + ": "
          + p.getMessage();
    }
    return "not well-formed XML: " + e.getMessage();
  }

  private static DocumentBuilderFactory factory(boolean allowDoctype) {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctype);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      // The JDK's own parser supports all of these; without them parsing would not be safe.
      throw new IllegalStateException("the JDK XML parser cannot be secured", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(true);
    f.setValidating(false);
    return f;
  }

  /** The first child element with this local name, or null. */
  static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        return e;
      }
    }
    return null;
  }

  /** The child elements, all of them when {@code name} is null. */
  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name == null || name.equals(localName(e)))) {
        out.add(e);
      }
    }
    return out;
  }

  /** A path of child elements, or null where one is missing. */
  static Element path(Element from, String... names) {
    Element e = from;
    for (String name : names) {
      e = child(e, name);
      if (e == null) {
        return null;
      }
    }
    return e;
  }

  static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
  }

  /** The trimmed text of an element, or null when the element is missing. */
  static String text(Element e) {
    return e == null ? null : e.getTextContent().trim();
  }
}
