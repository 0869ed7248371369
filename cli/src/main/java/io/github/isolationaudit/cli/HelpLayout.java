package io.github.isolationaudit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Lays out the help's descriptions, options and commands as paragraphs that wrap only between
 * words. picocli's own table breaks lines where {@link java.text.BreakIterator} allows, which is
 * after every dot: {@code ~/.} and {@code cache/isolation-audit} on two lines, {@code Default: .}
 * and {@code /target}, {@code System.} and {@code setProperty}; a path or a name in the help must
 * stay whole to be read or copied.
 */
final class HelpLayout {
  private HelpLayout() {}

  /** The column where descriptions of options start, unless the names are narrower. */
  private static final int NAMES_WIDTH = 29;

  /** Replaces picocli's sections in this command line and every subcommand. */
  static void install(CommandLine commandLine) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
    sections.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
    commandLine.setHelpSectionMap(sections);
    // [OPTIONS] rather than every option, which picocli breaks inside one ("[--classpath=PATH[:",
    // "PATH...]]..."); the list below names them all.
    commandLine.getCommandSpec().usageMessage().abbreviateSynopsis(true);
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      install(sub);
    }
  }

  private static String description(Help help) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : help.commandSpec().usageMessage().description()) {
      out.append(paragraph.isBlank() ? "\n" : wrap(paragraph, 0, 0, width(help)));
    }
    return out.toString();
  }

  private static String parameters(Help help) {
    StringBuilder out = new StringBuilder();
    for (PositionalParamSpec parameter : help.commandSpec().positionalParameters()) {
      if (!parameter.hidden()) {
        row(
            out,
            "      " + label(help, parameter),
            String.join(" ", parameter.description()),
            help);
      }
    }
    return out.toString();
  }

  private static String options(Help help) {
    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec option : help.commandSpec().options()) {
      if (!option.hidden()) {
        options.add(option);
      }
    }
    if (help.commandSpec().usageMessage().sortOptions()) {
      options.sort(Help.createShortOptionNameComparator());
    }
    StringBuilder out = new StringBuilder();
    for (OptionSpec option : options) {
      String shortName = null;
      List<String> longNames = new ArrayList<>();
      for (String name : option.names()) {
        if (shortName == null && name.length() == 2 && name.startsWith("-")) {
          shortName = name;
        } else {
          longNames.add(name);
        }
      }
      String names =
          (shortName == null ? "    " : shortName + (longNames.isEmpty() ? "" : ", "))
              + String.join(", ", longNames)
              + label(help, option);
      row(out, "  " + names, String.join(" ", option.description()), help);
    }
    return out.toString();
  }

  private static String commands(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    int width = 0;
    for (Map.Entry<String, Help> e : subcommands.entrySet()) {
      if (!e.getValue().commandSpec().usageMessage().hidden()) {
        width = Math.max(width, e.getKey().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Help> e : subcommands.entrySet()) {
      CommandSpec sub = e.getValue().commandSpec();
      if (sub.usageMessage().hidden()) {
        continue;
      }
      String[] lines = sub.usageMessage().description();
      String text = lines.length == 0 ? "" : lines[0];
      String name = "  " + e.getKey();
      out.append(name)
          .append(" ".repeat(width + 4 - name.length()))
          .append(wrap(text, width + 4, width + 6, width(help)).substring(width + 4));
    }
    return out.toString();
  }

  /** {@code =FORMAT}, {@code =PATH[:PATH...]}, {@code [PATH...]}: as picocli writes it. */
  private static String label(Help help, ArgSpec arg) {
    return help.createDefaultParamLabelRenderer()
        .renderParameterLabel(arg, Help.Ansi.OFF, List.of())
        .plainString();
  }

  /** Names, then the description from the names' column on (on a line of its own if need be). */
  private static void row(StringBuilder out, String names, String description, Help help) {
    int column = Math.min(NAMES_WIDTH, Math.max(10, width(help) / 3));
    if (names.length() + 2 > column) {
      out.append(names).append('\n');
      out.append(wrap(description, column, column + 2, width(help)));
    } else {
      String text = wrap(description, column, column + 2, width(help));
      out.append(names).append(text.substring(names.length()));
    }
  }

  private static int width(Help help) {
    return help.commandSpec().usageMessage().width();
  }

  /**
   * The text wrapped to the width between words only, the first line indented by {@code first}
   * spaces, the others by {@code rest}; a word longer than a line stays whole. Ends with a newline.
   */
  static String wrap(String text, int first, int rest, int width) {
    StringBuilder out = new StringBuilder(" ".repeat(first));
    int lineLength = first;
    boolean lineEmpty = true;
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!lineEmpty && lineLength + 1 + word.length() > width) {
        out.append('\n').append(" ".repeat(rest));
        lineLength = rest;
        lineEmpty = true;
      }
      if (!lineEmpty) {
        out.append(' ');
        lineLength++;
      }
      out.append(word);
      lineLength += word.length();
      lineEmpty = false;
    }
    return out.append('\n').toString();
  }
}
