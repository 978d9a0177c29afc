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

  public Selectors selectors() {
    return selectors;
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
    var rows = new ArrayList<ChatRow>();
    for (UiNode row : selectors.all(dump, UiRole.CHAT_LIST_ROW)) {
      String name = selectors.first(dump, UiRole.CHAT_NAME, row).map(UiNode::label).orElse("").strip();
      if (name.isEmpty()) {
        continue;
      }
      int unread = selectors.first(dump, UiRole.UNREAD_BADGE, row).map(badge -> unread(badge.text())).orElse(0);
      String preview = selectors.first(dump, UiRole.PREVIEW, row).map(UiNode::text).orElse("");
      rows.add(new ChatRow(name, unread, preview, row.bounds()));
    }
    return rows;
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
    int middle = dump.screen().centerX();
    String label = "";
    var bubbles = new ArrayList<Bubble>();
    for (UiNode row : selectors.all(dump, UiRole.MESSAGE_ROW)) {
      Optional<UiNode> avatar = selectors.first(dump, UiRole.AVATAR, row);
      if (avatar.isEmpty()) {
        label = selectors.first(dump, UiRole.TIME_LABEL, row).map(UiNode::label).orElse(label);
        continue;
      }
      Optional<UiNode> bubble = selectors.first(dump, UiRole.MESSAGE_BUBBLE, row);
      if (bubble.isEmpty() || bubble.get().text().isEmpty()) {
        continue;
      }
      boolean own = avatar.get().bounds().centerX() > middle;
      String sender =
          selectors
              .first(dump, UiRole.SENDER, row)
              .map(UiNode::text)
              .filter(text -> !text.isBlank())
              .orElseGet(() -> senderFromAvatar(avatar.get().contentDesc()));
      bubbles.add(new Bubble(sender, bubble.get().text(), own, label, bubble.get().bounds()));
    }
    return bubbles;
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
