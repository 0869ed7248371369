package io.github.isolationaudit.reports;

import io.github.isolationaudit.model.ScanResult;
import java.io.IOException;
import java.io.Writer;

/** Writes a scan result in one report format; the writer stays open and belongs to the caller. */
public interface ReportRenderer {

  /**
   * Renders the result to {@code out}. The same result always renders to the same characters.
   *
   * @throws IOException when the writer fails
   */
  void render(ScanResult result, Writer out) throws IOException;
}
