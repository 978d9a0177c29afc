package io.celestialnexus.bridge.fake;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * The fake phone's shell: the commands the bridge runs, answered from the {@link WeChatModel} the way Android's
 * tools answer them (dumpsys, uiautomator, input, am, screencap). Anything else is "not found" (exit 127). A line
 * is run as {@code sh -c} runs it for what the bridge sends: commands separated by {@code ;} (outside quotes), each
 * seeing the previous one's status as {@code $?}.
 *
 * <p>Tests can script a dropped connection right after a command ran ({@link #dropAfterNext}): the line stops
 * there, and the phone's connection closes after what was printed so far (so a legacy shell sees no exit status).
 */
final class FakeShell {

  /**
   * What a command printed and how it exited; {@code drop} closes the connection after the output. {@code combined}
   * is both streams in the order they were written, as the legacy shell's one stream carries them.
   */
  record Output(byte[] stdout, byte[] stderr, int exitCode, boolean drop, byte[] combined) {
    Output(byte[] stdout, byte[] stderr, int exitCode, boolean drop) {
      this(stdout, stderr, exitCode, drop, concat(stdout, stderr));
    }

    private static byte[] concat(byte[] first, byte[] second) {
      byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
      System.arraycopy(second, 0, both, first.length, second.length);
      return both;
    }

    static Output ok(String stdout) {
      return new Output(stdout.getBytes(StandardCharsets.UTF_8), new byte[0], 0, false);
    }
  }

  private final WeChatModel model;
  private final Deque<String> drops = new ConcurrentLinkedDeque<>();
  private final AtomicInteger notIdleAfterSend = new AtomicInteger();
  private final AtomicInteger notIdleDumps = new AtomicInteger();

  FakeShell(WeChatModel model) {
    this.model = model;
  }

  /** The connection drops right after the next command that starts with {@code prefix} ran (once per call). */
  void dropAfterNext(String prefix) {
    drops.add(prefix);
  }

  /** After the next send tap, the next {@code dumps} dumps find no idle state (the bubble animating in). */
  void notIdleAfterNextSend(int dumps) {
    notIdleAfterSend.set(dumps);
  }

  /** A command line: its commands in order, {@code $?} expanded; stops at the first that drops the connection. */
  Output run(String line) {
    var stdout = new ByteArrayOutputStream();
    var stderr = new ByteArrayOutputStream();
    var combined = new ByteArrayOutputStream();
    int status = 0;
    for (String command : ShellWords.commands(line)) {
      int sentBefore = model.sent().size();
      Output output = runOne(ShellWords.expandStatus(command, status));
      if (model.sent().size() > sentBefore) {
        notIdleDumps.set(notIdleAfterSend.getAndSet(0));
      }
      stdout.writeBytes(output.stdout());
      stderr.writeBytes(output.stderr());
      combined.writeBytes(output.combined());
      status = output.exitCode();
      if (output.drop() || scriptedDrop(command.strip())) {
        return new Output(stdout.toByteArray(), stderr.toByteArray(), status, true, combined.toByteArray());
      }
    }
    return new Output(stdout.toByteArray(), stderr.toByteArray(), status, false, combined.toByteArray());
  }

  private boolean scriptedDrop(String command) {
    for (String prefix : drops) {
      if (command.startsWith(prefix) && drops.removeFirstOccurrence(prefix)) {
        return true;
      }
    }
    return false;
  }

  private Output runOne(String command) {
    List<String> words = ShellWords.split(command);
    if (words.isEmpty()) {
      return Output.ok("");
    }
    return switch (words.get(0)) {
      case "dumpsys" -> dumpsys(words);
      case "uiautomator" -> words.size() >= 2 && words.get(1).equals("dump") ? dump() : notFound(command);
      case "input" -> input(words, command);
      case "am" -> am(words, command);
      case "screencap" -> new Output(png(), new byte[0], 0, false);
      case "echo" -> Output.ok(String.join(" ", words.subList(1, words.size())) + "\n");
      default -> notFound(command);
    };
  }

  private Output dump() {
    if (notIdleDumps.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      return Output.ok("ERROR: could not get idle state.\n");
    }
    return new Output(model.dump(), new byte[0], 0, false);
  }

  private Output dumpsys(List<String> words) {
    String version = model.wechatVersion();
    if (words.size() < 3 || !words.get(2).equals("com.tencent.mm") || version == null) {
      return Output.ok("Unable to find package: " + (words.size() > 2 ? words.get(2) : "") + "\n");
    }
    return Output.ok(
        "Packages:\n  Package [com.tencent.mm] (8d3a1f2):\n    userId=10211\n    pkg=Package{5e1c0b3 com.tencent.mm}\n"
            + "    versionCode=2580 minSdk=23 targetSdk=30\n    versionName=" + version + "\n    splits=[base]\n");
  }

  private Output input(List<String> words, String command) {
    if (words.size() == 4 && words.get(1).equals("tap")) {
      boolean drop = model.tap(Integer.parseInt(words.get(2)), Integer.parseInt(words.get(3)));
      return new Output(new byte[0], new byte[0], 0, drop);
    }
    if (words.size() >= 3 && words.get(1).equals("keyevent")) {
      for (String key : words.subList(2, words.size())) {
        switch (key) {
          case "KEYCODE_BACK", "4" -> model.back();
          case "KEYCODE_DEL", "67" -> model.keyDelete();
          case "KEYCODE_PASTE", "279" -> model.paste();
          case "KEYCODE_MOVE_END", "123" -> {}
          default -> {
            return new Output(new byte[0], ("Unknown keycode: " + key + "\n").getBytes(StandardCharsets.UTF_8), 1, false);
          }
        }
      }
      return Output.ok("");
    }
    return notFound(command);
  }

  private Output am(List<String> words, String command) {
    if (words.size() >= 3 && words.get(1).equals("start")) {
      model.launch();
      return Output.ok("Starting: Intent { cmp=com.tencent.mm/.ui.LauncherUI }\n");
    }
    if (words.size() >= 4 && words.get(1).equals("broadcast") && words.get(2).equals("-a")) {
      String action = words.get(3);
      String extra = words.size() >= 7 ? words.get(6) : "";
      if (action.startsWith("ADB_")) {
        model.adbKeyboard(action, extra);
      } else if (action.equals("clipper.set")) {
        model.clipperSet(extra);
      }
      return Output.ok("Broadcasting: Intent { act=" + action + " flg=0x400000 (has extras) }\nBroadcast completed: result=0\n");
    }
    return notFound(command);
  }

  private static Output notFound(String command) {
    return new Output(new byte[0], ("/system/bin/sh: " + command + ": inaccessible or not found\n").getBytes(StandardCharsets.UTF_8), 127, false);
  }

  private static byte[] png() {
    var image = new BufferedImage(WeChatLayouts.WIDTH / 10, WeChatLayouts.HEIGHT / 10, BufferedImage.TYPE_INT_RGB);
    var bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
