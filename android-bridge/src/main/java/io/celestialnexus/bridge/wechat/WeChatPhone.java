package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.adb.AdbDevice;
import io.celestialnexus.bridge.adb.ShellResult;
import io.celestialnexus.bridge.ui.Bounds;
import io.celestialnexus.bridge.ui.UiDump;
import io.celestialnexus.bridge.ui.UiDumpException;
import io.celestialnexus.bridge.ui.UiDumpParser;
import io.celestialnexus.bridge.ui.UiNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives WeChat on one phone: reads screens with {@code uiautomator dump}, taps with {@code input tap}, types
 * Chinese through the ADB Keyboard's base64 broadcast (falling back to the clipboard), and pauses like a person
 * between actions. Every screen it acts on is checked first (the chat list is a chat list, the opened chat has
 * the expected title) and every send is confirmed by its bubble.
 *
 * <p>{@link IOException} means the phone itself failed (gone, timed out, not showing WeChat): the caller's task
 * fails and is retried with backoff. {@link SendProblem} means one send failed on a healthy phone.
 * Used from one thread at a time.
 */
public final class WeChatPhone {

  public static final String PACKAGE = "com.tencent.mm";
  static final String DUMP = "uiautomator dump /dev/tty";
  static final String LAUNCH = "am start -n com.tencent.mm/com.tencent.mm.ui.LauncherUI";
  private static final Pattern VERSION_NAME = Pattern.compile("versionName=(\\S+)");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};
  private static final int BACKS_TO_CHAT_LIST = 3;
  private static final int TAIL = 6;

  /** How a send ended when it did not fail. */
  public enum Outcome {
    /** Typed, sent, and its bubble appeared. */
    CONFIRMED,
    /** An earlier attempt had already sent it (its bubble is there): not typed again. */
    ALREADY_THERE
  }

  /** A send that went through, and the chat as the last look at it showed it (still open after {@link #replyHere}). */
  public record Sent(Outcome outcome, InChat chat) {
    /** The chat's messages as the last look at it showed them. */
    public List<Bubble> onScreen() {
      return chat.bubbles();
    }
  }

  /**
   * What is on screen after a tap on a chat-list row, and the dump it was read from: the chat's title and
   * messages; an empty title when what opened is no chat (a folder, a service's page). The title differs from the
   * row's name when the list moved under the tap.
   */
  public record InChat(String title, List<Bubble> bubbles, UiDump screen) {
    public InChat {
      bubbles = List.copyOf(bubbles);
    }

    /** Whether what opened is a chat (it has a title), so a reply can be typed in it. */
    public boolean isChat() {
      return !title.isEmpty();
    }
  }

  private final AdbDevice device;
  private final WeChatScreen screen;
  private final UiDumpParser parser;
  private final PhoneSettings settings;
  private final Pauses pauses;
  private final PhoneObserver observer;

  public WeChatPhone(
      AdbDevice device, WeChatScreen screen, UiDumpParser parser, PhoneSettings settings, Pauses pauses, PhoneObserver observer) {
    this.device = device;
    this.screen = screen;
    this.parser = parser;
    this.settings = settings;
    this.pauses = pauses;
    this.observer = observer;
  }

  /** WeChat's versionName, read with {@code dumpsys package}; fails when WeChat is not installed. */
  public static String wechatVersion(AdbDevice device) throws IOException {
    ShellResult result = device.shell("dumpsys package " + PACKAGE);
    Matcher matcher = VERSION_NAME.matcher(result.stdout());
    if (!matcher.find()) {
      throw new IOException("WeChat (" + PACKAGE + ") is not installed: dumpsys shows no versionName");
    }
    return matcher.group(1);
  }

  public WeChatScreen screen() {
    return screen;
  }

  /** The current screen, retrying dumps that found no idle moment or came back empty. */
  public UiDump dump() throws IOException, InterruptedException {
    UiDumpException last = null;
    for (int attempt = 1; attempt <= settings.dumpAttempts(); attempt++) {
      byte[] raw = device.exec(DUMP);
      long start = System.nanoTime();
      try {
        UiDump dump = parser.parse(raw);
        observer.dumpParsed(System.nanoTime() - start);
        observer.answered();
        return dump;
      } catch (UiDumpException e) {
        last = e;
        observer.dumpRetried(e.kind());
        if (attempt < settings.dumpAttempts()) {
          pauses.sleep(settings.dumpRetryDelay());
        }
      }
    }
    throw new UiDumpException(last.kind(), "no usable screen after " + settings.dumpAttempts() + " dumps: " + last.getMessage(), last);
  }

  /** Goes back (or launches WeChat) until the chat list shows; fails when it does not. */
  public UiDump chatList() throws IOException, InterruptedException {
    UiDump dump = dump();
    for (int i = 0; i < BACKS_TO_CHAT_LIST && !screen.isChatList(dump); i++) {
      back(dump);
      dump = dump();
    }
    if (!screen.isChatList(dump)) {
      shell(LAUNCH);
      pauses.pause();
      dump = dump();
    }
    if (!screen.isChatList(dump)) {
      throw new IOException("WeChat's chat list is not on screen (is WeChat logged in and unlocked?)");
    }
    return dump;
  }

  /**
   * Taps {@code row} and reads what opened, staying there (see {@link #leave}). Usually that is the row's chat; when
   * the list moved under the tap (a message arrived and put another chat on top) it is another one, which is read
   * for what it is (its badge went with the tap), named by its title.
   */
  public InChat openChat(ChatRow row) throws IOException, InterruptedException {
    tap(row.bounds());
    UiDump chat = dump();
    return screen.isChat(chat) ? new InChat(screen.title(chat).orElse(""), screen.messages(chat), chat) : new InChat("", List.of(), chat);
  }

  /** Goes back from what {@link #openChat} (or {@link #replyHere}) left on screen to the chat list. */
  public void leave(InChat opened) throws IOException, InterruptedException {
    back(opened.screen());
  }

  /**
   * Sends {@code text} to {@code chat}, once. {@code before} is the chat's last bubbles as an earlier attempt saw
   * them before typing ({@link #tail}); when it is known, a bubble of ours with the text after them means that
   * attempt went through, and nothing is typed again. Otherwise the tail is taken now and handed to {@code arm}
   * before anything is typed, so a later attempt can tell. Counting bubbles would not do: on a full screen a
   * new bubble pushes an old one with the same text off the top.
   */
  public Sent send(String chat, String text, List<String> before, Consumer<List<String>> arm)
      throws IOException, InterruptedException, SendProblem {
    UiDump list = chatList();
    ChatRow row =
        screen.chatList(list).stream()
            .filter(candidate -> candidate.name().equals(chat))
            .findFirst()
            .orElseThrow(() -> new SendProblem("chat '" + chat + "' is not on the chat list"));
    tap(row.bounds());
    UiDump open = dump();
    if (!isChat(open, chat)) {
      String opened = screen.title(open).orElse("?");
      back(open);
      throw new SendProblem("opened '" + opened + "' instead of '" + chat + "'");
    }
    Sent sent = replyHere(new InChat(chat, screen.messages(open), open), text, before, arm);
    back(sent.chat().screen());
    return sent;
  }

  /**
   * Sends {@code text}, once, in the chat that is open ({@code chat}, as {@link #openChat} or an earlier
   * {@code replyHere} left it), and stays there: a reply to a message just read costs no trip to the chat list and
   * back. {@code before} and {@code arm} as in {@link #send}; the tail is taken from {@code chat}'s screen, which may
   * be a few seconds old (a message that arrived since comes after it, so the confirmation still holds).
   */
  public Sent replyHere(InChat chat, String text, List<String> before, Consumer<List<String>> arm)
      throws IOException, InterruptedException, SendProblem {
    List<Bubble> shown = chat.bubbles();
    if (before != null && sentSince(before, shown, text)) {
      return new Sent(Outcome.ALREADY_THERE, chat);
    }
    List<String> tail = before != null ? before : tail(shown);
    if (before == null) {
      arm.accept(tail);
    }
    UiNode input = screen.find(chat.screen(), UiRole.INPUT_BOX).orElseThrow(() -> new SendProblem("the chat has no input box"));
    tap(input.bounds());
    type(text);
    UiDump typed = dump();
    UiNode send = screen.find(typed, UiRole.SEND_BUTTON).orElseThrow(() -> new SendProblem("no send button after typing"));
    tap(send.bounds());
    for (int i = 0; i < settings.confirmDumps(); i++) {
      UiDump after = dump();
      List<Bubble> messages = screen.messages(after);
      if (sentSince(tail, messages, text)) {
        return new Sent(Outcome.CONFIRMED, new InChat(chat.title(), messages, after));
      }
    }
    throw new SendProblem("no new bubble after tapping send (" + settings.confirmDumps() + " dumps)");
  }

  /** The chat's last bubbles (at most {@value #TAIL}), as {@linkplain Bubble#token() tokens}. */
  static List<String> tail(List<Bubble> shown) {
    return shown.subList(Math.max(0, shown.size() - TAIL), shown.size()).stream().map(Bubble::token).toList();
  }

  /**
   * Whether a bubble of ours with {@code text} came after {@code tail}: the longest end of the tail still on screen
   * (its last occurrence) marks where the new bubbles start. When none of it is on screen any more, every bubble
   * counts as new, so an own bubble with the text anywhere means it was sent (never typed twice).
   */
  static boolean sentSince(List<String> tail, List<Bubble> now, String text) {
    int start = Conversation.after(tail, now.stream().map(Bubble::token).toList()).orElse(0);
    return now.subList(start, now.size()).stream().anyMatch(bubble -> bubble.own() && bubble.text().equals(text));
  }

  /** A PNG of the screen ({@code screencap -p}). */
  public byte[] screenshot() throws IOException {
    byte[] png = device.exec("screencap -p");
    if (png.length < PNG_SIGNATURE.length || !startsWith(png, PNG_SIGNATURE)) {
      throw new IOException("screencap returned no PNG (" + png.length + " bytes)");
    }
    return png;
  }

  private boolean isChat(UiDump dump, String chat) {
    return screen.isChat(dump) && screen.title(dump).filter(chat::equals).isPresent();
  }

  /**
   * Types into the focused input: the ADB Keyboard's base64 broadcast (Chinese-safe), checked on screen; if the
   * text did not arrive, the clipboard (Clipper's broadcast, then paste). Leftovers of an earlier attempt are
   * cleared first, so a retry never sends half a message twice.
   */
  private void type(String text) throws IOException, InterruptedException, SendProblem {
    clearInput(dump());
    String base64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    shell("am broadcast -a ADB_INPUT_B64 --es msg " + base64);
    pauses.pause();
    UiDump typed = dump();
    if (inputText(typed).equals(text)) {
      return;
    }
    clearInput(typed);
    shell("am broadcast -a clipper.set -e text " + quote(text));
    shell("input keyevent KEYCODE_PASTE");
    pauses.pause();
    if (!inputText(dump()).equals(text)) {
      throw new SendProblem(
          "could not type the text: neither the ADB Keyboard (com.android.adbkeyboard, set as input method) nor the clipboard (Clipper) put it in the input box");
    }
  }

  private void clearInput(UiDump dump) throws IOException, InterruptedException, SendProblem {
    String leftover = inputText(dump);
    if (leftover.isEmpty()) {
      return;
    }
    shell("am broadcast -a ADB_CLEAR_TEXT");
    UiDump cleared = dump();
    if (inputText(cleared).isEmpty()) {
      return;
    }
    shell("input keyevent KEYCODE_MOVE_END");
    shell("input keyevent" + " KEYCODE_DEL".repeat(leftover.codePointCount(0, leftover.length()) + 4));
    if (!inputText(dump()).isEmpty()) {
      throw new SendProblem("cannot clear the input box of an earlier attempt");
    }
  }

  private String inputText(UiDump dump) {
    return screen.find(dump, UiRole.INPUT_BOX).map(UiNode::text).orElse("");
  }

  private void back(UiDump dump) throws IOException, InterruptedException {
    Optional<UiNode> back = screen.find(dump, UiRole.BACK);
    if (back.isPresent()) {
      tap(back.get().bounds());
    } else {
      shell("input keyevent KEYCODE_BACK");
      pauses.pause();
    }
  }

  private void tap(Bounds bounds) throws IOException, InterruptedException {
    shell("input tap " + bounds.centerX() + " " + bounds.centerY());
    pauses.pause();
  }

  private ShellResult shell(String command) throws IOException {
    ShellResult result = device.shell(command);
    if (!result.succeeded()) {
      String shown = command.length() <= 60 ? command : command.substring(0, 60) + "...";
      throw new IOException("'" + shown + "' exited " + result.exitCode() + ": " + result.output().strip());
    }
    return result;
  }

  /** Single-quotes {@code text} for the phone's shell. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
