package io.celestialnexus.bridge.wechat;

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
      chats.add(new ChatRow(name, unread, preview, rows.get(i).bounds()));
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
   * The text messages on screen, top to bottom. A row without an avatar is a time label (or a system notice),
   * which becomes the label of the messages below it; rows without text (pictures, files) are skipped.
   */
  public List<Bubble> messages(UiDump dump) {
    List<UiNode> rows = selectors.all(dump, UiRole.MESSAGE_ROW);
    List<UiNode> avatars = selectors.firstInEach(dump, UiRole.AVATAR, rows);
    var messages = new ArrayList<UiNode>();
    var labels = new ArrayList<UiNode>();
    for (int i = 0; i < rows.size(); i++) {
      (avatars.get(i) == null ? labels : messages).add(rows.get(i));
    }
    List<UiNode> bubbles = selectors.firstInEach(dump, UiRole.MESSAGE_BUBBLE, messages);
    List<UiNode> senders = selectors.firstInEach(dump, UiRole.SENDER, messages);
    List<UiNode> times = selectors.firstInEach(dump, UiRole.TIME_LABEL, labels);

    int middle = dump.screen().centerX();
    String label = "";
    var result = new ArrayList<Bubble>();
    int message = 0;
    int time = 0;
    for (int i = 0; i < rows.size(); i++) {
      UiNode avatar = avatars.get(i);
      if (avatar == null) {
        UiNode timeLabel = times.get(time++);
        label = timeLabel == null ? label : timeLabel.label();
        continue;
      }
      UiNode bubble = bubbles.get(message);
      UiNode senderName = senders.get(message++);
      if (bubble == null || bubble.text().isEmpty()) {
        continue;
      }
      String sender = senderName != null && !senderName.text().isBlank() ? senderName.text() : senderFromAvatar(avatar.contentDesc());
      result.add(new Bubble(sender, bubble.text(), avatar.bounds().centerX() > middle, label, bubble.bounds()));
    }
    return result;
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
