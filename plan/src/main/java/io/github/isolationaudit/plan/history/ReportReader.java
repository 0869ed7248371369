package io.github.isolationaudit.plan.history;

import io.github.isolationaudit.model.Problem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one report file with a streaming parser, so that a file cut short or broken in the middle
 * keeps what came before the break. The root element tells the format: {@code testsuite} or {@code
 * testsuites} for JUnit XML, {@code events} for open-test-reporting events. DTDs and external
 * entities are off: a report never reaches outside its own bytes.
 */
final class ReportReader {

  /** One report format, fed a parser that stands on the root element. */
  interface Format {
    void read(XMLStreamReader xml) throws XMLStreamException;

    /** Called once after {@link #read}, also when reading broke off. */
    void finish();
  }

  /** What reading one file gave, and whether it was a report at all. */
  record Result(ReportContent content, boolean report) {}

  /** Enough bytes for a byte order mark and an XML declaration. */
  private static final int PROLOG = 256;

  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

  private ReportReader() {}

  static Result read(Path file) {
    String source = file.toString();
    ReportContent content = new ReportContent(source);
    Instant fileTime;
    try {
      if (Files.size(file) == 0) {
        content.problem(Problem.Kind.EMPTY_INPUT, 0, "the report file is empty");
        return new Result(content, false);
      }
      fileTime = Files.getLastModifiedTime(file).toInstant();
    } catch (IOException | SecurityException e) {
      content.problem(Problem.Kind.UNREADABLE_INPUT, 0, "cannot read: " + e);
      return new Result(content, false);
    }
    boolean report = false;
    Format format = null;
    XMLStreamReader xml = null;
    Charset charset = StandardCharsets.UTF_8;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      charset = charset(in);
      xml = factory().createXMLStreamReader(decoder(in, charset));
      while (xml.hasNext() && xml.getEventType() != XMLStreamConstants.START_ELEMENT) {
        xml.next();
      }
      if (xml.getEventType() != XMLStreamConstants.START_ELEMENT) {
        content.problem(Problem.Kind.NOT_A_REPORT, 0, "no root element");
        return new Result(content, false);
      }
      String root = xml.getLocalName();
      format =
          switch (root) {
            case "testsuite", "testsuites" -> new JUnitXmlReport(content, fileTime);
            case "events" -> new OpenTestEvents(content);
            default -> null;
          };
      if (format == null) {
        content.problem(
            Problem.Kind.NOT_A_REPORT,
            xml.getLocation().getLineNumber(),
            "root element <"
                + root
                + "> is not a test report (testsuite, testsuites or open-test-reporting events)");
        return new Result(content, false);
      }
      report = true;
      format.read(xml);
    } catch (XMLStreamException e) {
      content.problem(
          Problem.Kind.MALFORMED_REPORT,
          line(e),
          encodingError(e)
              ? (report ? "the report breaks off: " : "not well-formed XML: ")
                  + "bytes that are not valid "
                  + charset
                  + (report ? "; the tests before them are kept" : "")
              : malformed(e, report));
    } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
      content.problem(
          Problem.Kind.MALFORMED_REPORT,
          1,
          "not well-formed XML: unknown encoding " + e.getMessage());
    } catch (IOException e) {
      content.problem(Problem.Kind.UNREADABLE_INPUT, 0, "cannot read: " + e);
    } catch (RuntimeException e) {
      // A parser may signal broken input with an unchecked exception; the other files still count.
      content.problem(Problem.Kind.MALFORMED_REPORT, 0, malformed(e, report));
    } finally {
      close(xml);
      if (format != null) {
        format.finish();
      }
    }
    return new Result(content, report);
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }

  /**
   * The encoding a byte order mark or the XML declaration names, UTF-8 by default; the stream is
   * left after the mark. The parser is handed decoded characters because the JDK's parser prints
   * byte errors to standard error itself; a strict decoder turns them into an exception instead.
   */
  private static Charset charset(InputStream in) throws IOException {
    in.mark(PROLOG);
    byte[] head = in.readNBytes(PROLOG);
    in.reset();
    if (head.length >= 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      in.skipNBytes(3);
      return StandardCharsets.UTF_8;
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16BE;
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
      in.skipNBytes(2);
      return StandardCharsets.UTF_16LE;
    }
    Matcher declared = DECLARED_ENCODING.matcher(new String(head, StandardCharsets.ISO_8859_1));
    return declared.lookingAt() ? Charset.forName(declared.group(1)) : StandardCharsets.UTF_8;
  }

  private static Reader decoder(InputStream in, Charset charset) {
    return new InputStreamReader(
        in,
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  private static boolean encodingError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException
          || (t instanceof XMLStreamException x
              && x.getNestedException() instanceof CharacterCodingException)) {
        return true;
      }
    }
    return false;
  }

  private static int line(XMLStreamException e) {
    Location location = e.getLocation();
    return location == null ? 0 : Math.max(location.getLineNumber(), 0);
  }

  private static String malformed(Exception e, boolean report) {
    String message = String.valueOf(e.getMessage());
    // The JDK's parser prefixes "ParseError at [row,col]:[3,7]\nMessage: "; the line is kept apart.
    int at = message.indexOf("Message: ");
    if (at >= 0) {
      message = message.substring(at + "Message: ".length());
    }
    message = message.strip().replaceAll("\\s+", " ");
    return (report ? "the report breaks off: " : "not well-formed XML: ")
        + message
        + (report ? "; the tests before this point are kept" : "");
  }

  private static void close(XMLStreamReader xml) {
    if (xml == null) {
      return;
    }
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // Closing releases parser state only; the stream itself is closed by try-with-resources.
    }
  }
}
