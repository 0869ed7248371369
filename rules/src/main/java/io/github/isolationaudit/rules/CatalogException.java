package io.github.isolationaudit.rules;

/** A catalog file that cannot be used, with the place of the mistake in it. */
public final class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  public CatalogException(String file, int line, int column, String message, Throwable cause) {
    super(
        file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message,
        cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
