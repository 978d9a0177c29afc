package io.celestialnexus.bridge.wechat;

import io.celestialnexus.bridge.ui.Bounds;
import io.celestialnexus.bridge.ui.UiDump;
import io.celestialnexus.bridge.ui.UiNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads WeChat's two screens (the chat list and an open chat) from a dump, through one version's selectors. */
public final class WeChatScreen {

  private static final Pattern MEMBER_COUNT = Pattern.compile("\\s*[(（]\\d+[)）]$");
  private static final String AVATAR_SUFFIX = "头像";

  private final Selectors selectors;

  public WeChatScreen(Selectors selectors) {
    this.selectors = selectors;
  }

  /** An open chat: it has an input box. */
  public boolean isChat(UiDump dump) {
    return selectors.first(dump, UiRole.INPUT_BOX).isPresent();
  }

  /** The chat list: conversation rows and no input box. */
  public boolean isChatList(UiDump dump) {
    return !isChat(dump) && !selectors.all(dump, UiRole.CHAT_LIST_ROW).isEmpty();
  }

  public List<ChatRow> chatList(UiDump dump) {
    List<UiNode> rows = selectors.all(dump, UiRole.CHAT_LIST_ROW);
    List<UiNode> names = selectors.firstInEach(dump, UiRole.CHAT_NAME, rows);
    List<UiNode> badges = selectors.firstInEach(dump, UiRole.UNREAD_BADGE, rows);
    List<UiNode> previews = selectors.firstInEach(dump, UiRole.PREVIEW, rows);
    var chats = new ArrayList<ChatRow>();
    for (int i = 0; i < rows.size(); i++) {
      String name = names.get(i) == null ? "" : names.get(i).label().strip();
      if (name.isEmpty()) {
        continue;
      }
      int unread = badges.get(i) == null ? 0 : unread(badges.get(i).text());
      String preview = previews.get(i) == null ? "" : previews.get(i).text();
      chats.add(new ChatRow(name, unread, preview, rows.get(i).bounds(), !selectors.notChats().contains(name)));
    }
    return chats;
  }

  /** The open chat's title without a group's member count ("家庭群(5)" is the chat "家庭群"). */
  public Optional<String> title(UiDump dump) {
    return selectors
        .first(dump, UiRole.CHAT_TITLE)
        .map(node -> MEMBER_COUNT.matcher(node.label().strip()).replaceAll(""));
  }

  /**
   * The text messages on screen, top to bottom. Each item of the message list is read by what it holds itself: its
   * time label (WeChat puts it at the top of the first message after a pause, inside that message's item; an item
   * may also be a label alone), which becomes the label of that message and those below it; and its text bubble.
   * Items without a text bubble (pictures, files, system notices) are skipped. An item partly scrolled off the top
   * has no avatar on screen: it is still a message (never a label), {@linkplain Bubble#partial() partial}, and its
   * side is told by where its bubble sits.
   */
  public List<Bubble> messages(UiDump dump) {
    List<UiNode> rows = selectors.all(dump, UiRole.MESSAGE_ROW);
    List<UiNode> labels = selectors.firstInEach(dump, UiRole.TIME_LABEL, rows);
    List<UiNode> bubbles = selectors.firstInEach(dump, UiRole.MESSAGE_BUBBLE, rows);
    List<UiNode> avatars = selectors.firstInEach(dump, UiRole.AVATAR, rows);
    List<UiNode> senders = selectors.firstInEach(dump, UiRole.SENDER, rows);
    Bounds screen = dump.screen();
    String label = "";
    var result = new ArrayList<Bubble>();
    for (int i = 0; i < rows.size(); i++) {
      UiNode time = labels.get(i);
      if (time != null && !time.label().isBlank()) {
        label = time.label().strip();
      }
      UiNode bubble = bubbles.get(i);
      UiNode senderName = senders.get(i);
      // a fallback candidate may land on the label or the sender line of an item that has no text bubble
      if (bubble == null || bubble.text().isEmpty() || same(bubble, time) || same(bubble, senderName)) {
        continue;
      }
      UiNode avatar = avatars.get(i);
      Side side = avatar != null ? (avatar.bounds().centerX() > screen.centerX() ? Side.OWN : Side.INCOMING) : side(bubble.bounds(), screen);
      if (side == Side.NEITHER) {
        continue; // a centred text without an avatar: a notice ("你撤回了一条消息"), not a message
      }
      String sender =
          senderName != null && !senderName.text().isBlank()
              ? senderName.text()
              : avatar != null ? senderFromAvatar(avatar.contentDesc()) : "";
      result.add(new Bubble(sender, bubble.text(), side == Side.OWN, label, bubble.bounds(), avatar == null));
    }
    return result;
  }

  private enum Side {
    OWN,
    INCOMING,
    NEITHER
  }

  /** Own bubbles hug the right edge, incoming ones the left; a text about as far from both is centred. */
  private static Side side(Bounds bubble, Bounds screen) {
    int leftGap = bubble.left() - screen.left();
    int rightGap = screen.right() - bubble.right();
    if (Math.abs(leftGap - rightGap) < (screen.right() - screen.left()) / 20) {
      return Side.NEITHER;
    }
    return rightGap < leftGap ? Side.OWN : Side.INCOMING;
  }

  /** The same node found by two roles (on copies of a row, so compared by what it shows). */
  private static boolean same(UiNode a, UiNode b) {
    return b != null && a.bounds().equals(b.bounds()) && a.text().equals(b.text()) && a.resourceId().equals(b.resourceId());
  }

  public Optional<UiNode> find(UiDump dump, UiRole role) {
    return selectors.first(dump, role);
  }

  /** "3" is 3, "99+" is 99, a badge without digits (a dot) is 1. */
  static int unread(String badge) {
    String digits = badge.replaceAll("\\D", "");
    if (digits.isEmpty()) {
      return 1;
    }
    try {
      return Math.max(1, Integer.parseInt(digits));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String senderFromAvatar(String description) {
    String name = description.strip();
    return name.endsWith(AVATAR_SUFFIX) ? name.substring(0, name.length() - AVATAR_SUFFIX.length()).strip() : name;
  }
}
