package io.celestialnexus.bridge.fake;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line the way the phone's sh does for what the bridge sends: quotes and backslashes. */
final class ShellWords {

  private ShellWords() {}

  /** The commands of a line separated by {@code ;} outside quotes (a blank one is dropped). */
  static List<String> commands(String line) {
    var commands = new ArrayList<String>();
    int start = 0;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        i++;
      } else if (c == ';') {
        commands.add(line.substring(start, i));
        start = i + 1;
      }
    }
    commands.add(line.substring(start));
    return commands.stream().filter(command -> !command.isBlank()).toList();
  }

  /** {@code $?} outside single quotes replaced by {@code status}, as sh expands it. */
  static String expandStatus(String command, int status) {
    var expanded = new StringBuilder();
    boolean single = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        single = !single;
      }
      if (!single && c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '?') {
        expanded.append(status);
        i++;
      } else {
        expanded.append(c);
      }
    }
    return expanded.toString();
  }

  static List<String> split(String line) {
    var words = new ArrayList<String>();
    var word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        word.append(line, i + 1, end < 0 ? line.length() : end);
        i = end < 0 ? line.length() : end;
        inWord = true;
      } else if (c == '"') {
        i++;
        while (i < line.length() && line.charAt(i) != '"') {
          if (line.charAt(i) == '\\' && i + 1 < line.length()) {
            i++;
          }
          word.append(line.charAt(i++));
        }
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
