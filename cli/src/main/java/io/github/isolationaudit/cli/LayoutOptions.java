package io.github.isolationaudit.cli;

import io.github.isolationaudit.reports.RenderOptions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How a report for people is laid out: colours, and the width taken from the terminal. A command
 * takes them with {@code @Mixin LayoutOptions layout;}.
 */
final class LayoutOptions {

  /** When text gets colours. */
  enum ColorMode {
    AUTO,
    ALWAYS,
    NEVER
  }

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      converter = ColorModeConverter.class,
      description =
          "Colours in the text report: auto (default: on a terminal, unless NO_COLOR is set or the"
              + " report goes to a file), always, or never.")
  ColorMode color = ColorMode.AUTO;

  /** Reads auto, always and never, in any case. */
  static final class ColorModeConverter implements ITypeConverter<ColorMode> {
    @Override
    public ColorMode convert(String value) {
      try {
        return ColorMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not one of auto, always, never"
                + NearMiss.hint(value, List.of("auto", "always", "never")));
      }
    }
  }

  /**
   * The layout in this environment: the terminal's width (or {@code COLUMNS}, or 100), colours as
   * {@code --color} says, links to GitHub when running in GitHub Actions.
   *
   * @param toFile whether the report goes to a file rather than standard output
   */
  RenderOptions options(Environment environment, boolean verbose, boolean toFile) {
    boolean colored =
        switch (color) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> !toFile && environment.wantsColor();
        };
    // A file is read later, elsewhere: it gets the width of no terminal in particular.
    int width = toFile ? RenderOptions.DEFAULT_WIDTH : environment.width();
    return new RenderOptions(width, colored, verbose, environment.githubBlobBase());
  }
}
