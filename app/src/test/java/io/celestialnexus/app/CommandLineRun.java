package io.celestialnexus.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the nexus command line: exit code and what it printed. */
public record CommandLineRun(int exitCode, String out, String err) {

  public static CommandLineRun of(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CommandLineRun(code, out.toString(), err.toString());
  }
}
