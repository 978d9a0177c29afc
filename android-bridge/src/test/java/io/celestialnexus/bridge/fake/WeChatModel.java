package io.celestialnexus.bridge.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The scripted WeChat behind the fake phone: chats with messages and unread counts, the open chat with its draft,
 * the clipboard, and whether the ADB Keyboard and Clipper are installed. It reacts to taps, key events and
 * broadcasts the way WeChat and those apps do, renders itself through {@link WeChatLayouts}, and records what
 * left the phone ({@link #sent()}) and every tap. Thread-safe: the phone's connections and the test share it.
 */
public final class WeChatModel {

  /** A message in a chat; a picture shows no text (its {@code text} is what the chat list previews). */
  public record Message(String sender, String text, boolean own, String time, boolean picture) {
    Message(String sender, String text, boolean own, String time) {
      this(sender, text, own, time, false);
    }
  }

  /** A message that left the phone: its send tap's time on the test's monotonic clock. */
  public record Sent(String chat, String text, long tapNanos) {}

  record ChatSummary(String name, int unread, boolean muted, String time, String preview) {}

  record OpenChat(String name, boolean group, int members, boolean folder, List<Message> messages) {}

  /** An immutable snapshot for rendering. */
  record View(List<ChatSummary> chats, OpenChat open, String input, boolean inputFocused, int height, int scroll) {}

  private static final class Chat {
    final String name;
    final boolean group;
    final int members;
    final List<Message> messages = new ArrayList<>();
    boolean muted;
    boolean folder;
    int opens;
    int unread;
    String draft = "";

    Chat(String name, boolean group, int members) {
      this.name = name;
      this.group = group;
      this.members = members;
    }
  }

  private static final String ME = "我";

  private final List<Chat> chats = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();
  private final List<String> taps = new ArrayList<>();
  private final List<String> typed = new ArrayList<>();
  private Chat open;
  private boolean inputFocused;
  private int scroll;
  private int scrollAtNextSend;
  private Message arrivingAtRowTap;
  private String arrivingAtRowTapChat;
  private String clipboard = "";
  private boolean adbKeyboard = true;
  private boolean clipper = true;
  private String time = "10:50";
  private String wechatVersion = "8.0.48";
  private boolean obfuscated;
  private int failDumps;
  private String failedDumpOutput = "";
  private int failDumpsInChat;
  private int dropsAfterSend;
  private Message arrivingAtSend;
  private long dumps;
  private int height = WeChatLayouts.HEIGHT;
  private final java.util.concurrent.LinkedBlockingQueue<Sent> sendFeed = new java.util.concurrent.LinkedBlockingQueue<>();

  // ---- scripting

  public synchronized WeChatModel chat(String name) {
    find(name, false, 2);
    return this;
  }

  public synchronized WeChatModel group(String name, int members) {
    find(name, true, members);
    return this;
  }

  public synchronized WeChatModel mute(String name) {
    find(name, false, 2).muted = true;
    return this;
  }

  /**
   * A folder row (订阅号消息): its "messages" are articles of accounts ({@code sender}); opening it shows them in
   * a list without an input box, and clears its badge as WeChat does.
   */
  public synchronized WeChatModel folder(String name) {
    find(name, false, 2).folder = true;
    return this;
  }

  /** A picture arrives (the chat list previews "[图片]"); the chat shows it without text. */
  public synchronized long incomingPicture(String chat, String sender) {
    Chat target = find(chat, false, 2);
    target.messages.add(new Message(sender, "[图片]", false, time, true));
    if (target != open) {
      target.unread++;
    }
    toTop(target);
    return System.nanoTime();
  }

  /**
   * The person holding the phone scrolls the open chat {@code pixels} up from its end (0: back at the end). WeChat
   * keeps the position while the chat stays open; opening a chat or sending scrolls to the end.
   */
  public synchronized WeChatModel scrollChat(int pixels) {
    scroll = pixels;
    return this;
  }

  /** Right after the next send tap, the chat is scrolled {@code pixels} up (a thumb on the screen). */
  public synchronized WeChatModel scrollAtNextSend(int pixels) {
    scrollAtNextSend = pixels;
    return this;
  }

  /**
   * On the next tap on a chat-list row, this message arrives first: its chat jumps to the top and the rows move,
   * so the tap lands on whatever row is now under the finger.
   */
  public synchronized WeChatModel incomingAtNextRowTap(String chat, String sender, String text) {
    arrivingAtRowTapChat = chat;
    arrivingAtRowTap = new Message(sender, text, false, time);
    return this;
  }

  /** A message that was read long ago (no badge). */
  public synchronized WeChatModel history(String chat, String sender, String text, boolean own) {
    find(chat, false, 2).messages.add(new Message(own ? ME : sender, text, own, time));
    return this;
  }

  /** A new message arrives: the chat moves to the top with its badge. Answers when, on the monotonic clock. */
  public synchronized long incoming(String chat, String sender, String text) {
    Chat target = find(chat, false, 2);
    target.messages.add(new Message(sender, text, false, time));
    if (target != open) {
      target.unread++;
    }
    toTop(target);
    return System.nanoTime();
  }

  /** The label of messages from now on ("10:51", "昨天 18:02"). */
  public synchronized WeChatModel time(String label) {
    time = label;
    return this;
  }

  public synchronized WeChatModel version(String versionName) {
    wechatVersion = versionName;
    return this;
  }

  /** A taller screen (a tablet, or a long window) shows more rows and messages in one dump. */
  public synchronized WeChatModel screenHeight(int pixels) {
    height = pixels;
    return this;
  }

  /** Renames every WeChat resource id, as a new release does. */
  public synchronized WeChatModel obfuscated() {
    obfuscated = true;
    return this;
  }

  public synchronized WeChatModel withoutAdbKeyboard() {
    adbKeyboard = false;
    return this;
  }

  public synchronized WeChatModel withoutClipper() {
    clipper = false;
    return this;
  }

  /** The next {@code count} dumps print {@code output} instead of the hierarchy. */
  public synchronized WeChatModel failDumps(int count, String output) {
    failDumps = count;
    failedDumpOutput = output;
    return this;
  }

  /** The next {@code count} dumps taken while a chat is open print {@code output} (the chat list still dumps). */
  public synchronized WeChatModel failDumpsInChat(int count, String output) {
    failDumpsInChat = count;
    failedDumpOutput = output;
    return this;
  }

  /** When the phone next sends, this message arrives in that chat while it is open (so WeChat shows no badge). */
  public synchronized WeChatModel incomingAtNextSend(String sender, String text) {
    arrivingAtSend = new Message(sender, text, false, time);
    return this;
  }

  /** The connection drops right after the next send tap went through (the message did leave the phone). */
  public synchronized WeChatModel dropAfterNextSend() {
    dropsAfterSend++;
    return this;
  }

  // ---- what the test inspects

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** The next message to leave the phone (in order), or null after {@code timeout}. Not synchronized: it waits. */
  public Sent awaitSend(java.time.Duration timeout) throws InterruptedException {
    return sendFeed.poll(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** How many dumps the phone answered (good or not). */
  public synchronized long dumps() {
    return dumps;
  }

  /** Every tap, as "x,y". */
  public synchronized List<String> taps() {
    return List.copyOf(taps);
  }

  /** Every text that reached an input box, and how: "adb-keyboard: ..." or "paste: ...". */
  public synchronized List<String> typed() {
    return List.copyOf(typed);
  }

  /** The chat on screen, or null when the chat list is. */
  public synchronized String openChat() {
    return open == null ? null : open.name;
  }

  /** How often {@code chat} was opened by a tap on its row. */
  public synchronized int opens(String chat) {
    return find(chat, false, 2).opens;
  }

  public synchronized int unread(String chat) {
    return find(chat, false, 2).unread;
  }

  /** Opens a chat as a tap on its row would (for tests that read a chat screen directly). */
  public synchronized WeChatModel open(String chat) {
    open = find(chat, false, 2);
    open.unread = 0;
    inputFocused = false;
    scroll = 0;
    return this;
  }

  synchronized String wechatVersion() {
    return wechatVersion;
  }

  // ---- what the phone's shell does

  /** What {@code uiautomator dump /dev/tty} prints. */
  public synchronized byte[] dump() {
    dumps++;
    if (failDumps > 0 || (open != null && failDumpsInChat > 0)) {
      if (failDumps > 0) {
        failDumps--;
      } else {
        failDumpsInChat--;
      }
      return failedDumpOutput.getBytes(StandardCharsets.UTF_8);
    }
    return (screen().xml() + "UI hierchary dumped to: /dev/tty\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A tap; true when the phone's connection should drop right after it (scripted). */
  public synchronized boolean tap(int x, int y) {
    taps.add(x + "," + y);
    if (open == null && arrivingAtRowTap != null) {
      Chat target = find(arrivingAtRowTapChat, false, 2);
      target.messages.add(arrivingAtRowTap);
      target.unread++;
      toTop(target);
      arrivingAtRowTap = null;
    }
    WeChatLayouts.Target hit = null;
    for (WeChatLayouts.Target target : screen().targets()) {
      if (target.bounds().contains(x, y)) {
        hit = target;
      }
    }
    if (hit == null) {
      return false;
    }
    switch (hit.action()) {
      case OPEN_CHAT -> {
        open = find(hit.argument(), false, 2);
        open.unread = 0;
        open.opens++;
        inputFocused = false;
        scroll = 0;
      }
      case BACK -> back();
      case FOCUS_INPUT -> inputFocused = true;
      case SEND -> {
        return send();
      }
      case NONE -> {}
    }
    return false;
  }

  public synchronized void back() {
    open = null;
    inputFocused = false;
    scroll = 0;
  }

  synchronized void launch() {
    back();
  }

  synchronized void keyDelete() {
    if (open != null && inputFocused && !open.draft.isEmpty()) {
      open.draft = open.draft.substring(0, open.draft.offsetByCodePoints(open.draft.length(), -1));
    }
  }

  synchronized void paste() {
    if (open != null && inputFocused) {
      open.draft += clipboard;
      typed.add("paste: " + clipboard);
    }
  }

  /** The ADB Keyboard's broadcasts; nothing happens without it (as with a receiver that is not installed). */
  synchronized void adbKeyboard(String action, String message) {
    if (!adbKeyboard || open == null || !inputFocused) {
      return;
    }
    switch (action) {
      case "ADB_INPUT_B64" -> type(new String(Base64.getDecoder().decode(message), StandardCharsets.UTF_8));
      case "ADB_INPUT_TEXT" -> type(message);
      case "ADB_CLEAR_TEXT" -> open.draft = "";
      default -> {}
    }
  }

  private void type(String text) {
    open.draft += text;
    typed.add("adb-keyboard: " + text);
  }

  synchronized void clipperSet(String text) {
    if (clipper) {
      clipboard = text;
    }
  }

  private boolean send() {
    String text = open.draft;
    open.messages.add(new Message(ME, text, true, time));
    open.draft = "";
    scroll = scrollAtNextSend;
    scrollAtNextSend = 0;
    Sent message = new Sent(open.name, text, System.nanoTime());
    sent.add(message);
    sendFeed.add(message);
    toTop(open);
    if (arrivingAtSend != null) {
      open.messages.add(arrivingAtSend);
      arrivingAtSend = null;
    }
    if (dropsAfterSend > 0) {
      dropsAfterSend--;
      return true;
    }
    return false;
  }

  WeChatLayouts.Screen screen() {
    var summaries = new ArrayList<ChatSummary>();
    for (Chat chat : chats) {
      Message last = chat.messages.isEmpty() ? null : chat.messages.get(chat.messages.size() - 1);
      String preview =
          last == null ? "" : (chat.group || chat.folder) && !last.own() ? last.sender() + ": " + last.text() : last.text();
      summaries.add(new ChatSummary(chat.name, chat.unread, chat.muted, last == null ? "" : last.time(), preview));
    }
    OpenChat openChat = open == null ? null : new OpenChat(open.name, open.group, open.members, open.folder, List.copyOf(open.messages));
    return WeChatLayouts.render(
        new View(List.copyOf(summaries), openChat, open == null ? "" : open.draft, inputFocused, height, scroll), obfuscated);
  }

  private Chat find(String name, boolean group, int members) {
    for (Chat chat : chats) {
      if (chat.name.equals(name)) {
        return chat;
      }
    }
    Chat chat = new Chat(name, group, members);
    chats.add(chat);
    return chat;
  }

  private void toTop(Chat chat) {
    chats.remove(chat);
    chats.add(0, chat);
  }
}
