package io.celestialnexus.bridge.fake;

import io.celestialnexus.bridge.ui.Bounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the fake phone's screen as {@code uiautomator dump} does (one line, AOSP's attribute order), in the
 * layouts of WeChat 8.0.4x as public automation code reads them from real phones (see the bundled
 * wechat-selectors.conf for the sources): the chat list (ListView j8g of rows cj1 with avatar, unread badge o_u,
 * name kbq, time otg, preview ht5, tabs icon_tv) and an open chat (back actionbar_up_indicator "返回", title obn,
 * RecyclerView bp0 of items bn1: time labels br1, messages bkj with avatar bk1 "&lt;name&gt;头像" in bk4,
 * group sender brc and text bkl; input bkk, send button bql "发送").
 *
 * <p>With {@code obfuscated} every WeChat resource id is renamed, as a new WeChat release does, so only the
 * text/class fallbacks can read the screen.
 */
final class WeChatLayouts {

  static final int WIDTH = 1080;
  static final int HEIGHT = 2400;
  static final int LIST_TOP = 200;
  static final int ROW_HEIGHT = 192;

  /** What a tap on a rectangle does. */
  enum Action {
    OPEN_CHAT,
    BACK,
    FOCUS_INPUT,
    SEND,
    NONE
  }

  record Target(Bounds bounds, Action action, String argument) {}

  record Screen(String xml, List<Target> targets) {}

  private final boolean obfuscated;
  private final int height;
  private final int listBottom;
  private final List<Target> targets = new ArrayList<>();

  private WeChatLayouts(boolean obfuscated, int height) {
    this.obfuscated = obfuscated;
    this.height = height;
    this.listBottom = height - 200;
  }

  static Screen render(WeChatModel.View view, boolean obfuscated) {
    var layouts = new WeChatLayouts(obfuscated, view.height());
    Node root = view.open() == null ? layouts.chatList(view) : layouts.chat(view);
    var xml = new StringBuilder(64 * 1024);
    xml.append("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">");
    root.render(xml, 0);
    xml.append("</hierarchy>");
    return new Screen(xml.toString(), List.copyOf(layouts.targets));
  }

  private Node chatList(WeChatModel.View view) {
    Node content = node("android.widget.FrameLayout", "android:id/content", new Bounds(0, 0, WIDTH, height));
    Node bar = node("android.widget.LinearLayout", "", new Bounds(0, 80, WIDTH, LIST_TOP));
    bar.add(node("android.widget.TextView", "android:id/text1", new Bounds(48, 110, 200, 180)).text("微信"));
    bar.add(node("android.widget.ImageView", "", new Bounds(860, 90, 960, 190)).desc("搜索").clickable());
    bar.add(node("android.widget.ImageView", id("plus_icon"), new Bounds(960, 90, 1060, 190)).desc("更多功能按钮").clickable());
    content.add(bar);
    Node list = node("android.widget.ListView", id("j8g"), new Bounds(0, LIST_TOP, WIDTH, listBottom)).scrollable();
    int y = LIST_TOP;
    for (WeChatModel.ChatSummary chat : view.chats()) {
      if (y + ROW_HEIGHT > listBottom) {
        break;
      }
      list.add(row(chat, y));
      y += ROW_HEIGHT;
    }
    content.add(list);
    Node tabs = node("android.widget.LinearLayout", "", new Bounds(0, listBottom, WIDTH, height));
    String[] names = {"微信", "通讯录", "发现", "我"};
    for (int i = 0; i < names.length; i++) {
      Node tab = node("android.widget.RelativeLayout", id("nvt"), new Bounds(i * 270, listBottom, (i + 1) * 270, height)).clickable();
      tab.add(node("android.widget.TextView", id("icon_tv"), new Bounds(i * 270 + 90, listBottom + 120, i * 270 + 180, listBottom + 180)).text(names[i]));
      tabs.add(tab);
    }
    content.add(tabs);
    return window(content);
  }

  private Node row(WeChatModel.ChatSummary chat, int y) {
    Bounds bounds = new Bounds(0, y, WIDTH, y + ROW_HEIGHT);
    Node row = node("android.widget.LinearLayout", id("cj1"), bounds).clickable().longClickable();
    targets.add(new Target(bounds, Action.OPEN_CHAT, chat.name()));
    Node avatar = node("android.widget.RelativeLayout", id("a_4"), new Bounds(32, y + 30, 164, y + 162));
    avatar.add(node("android.widget.ImageView", id("a_2"), new Bounds(32, y + 30, 164, y + 162)));
    if (chat.unread() > 0 && chat.muted()) {
      avatar.add(node("android.widget.ImageView", id("a_h"), new Bounds(140, y + 22, 172, y + 54)));
    } else if (chat.unread() > 0) {
      String count = chat.unread() > 99 ? "99+" : Integer.toString(chat.unread());
      avatar.add(node("android.widget.TextView", id("o_u"), new Bounds(130, y + 18, 184, y + 66)).text(count));
    }
    row.add(avatar);
    Node body = node("android.widget.LinearLayout", "", new Bounds(192, y, WIDTH, y + ROW_HEIGHT));
    Node top = node("android.widget.LinearLayout", "", new Bounds(192, y + 36, 1048, y + 96));
    top.add(node("android.view.View", id("kbq"), new Bounds(192, y + 36, 800, y + 96)).text(chat.name()));
    top.add(node("android.widget.TextView", id("otg"), new Bounds(900, y + 40, 1048, y + 90)).text(chat.time()));
    body.add(top);
    Node bottom = node("android.widget.LinearLayout", "", new Bounds(192, y + 104, 1048, y + 156));
    bottom.add(node("android.widget.TextView", id("ht5"), new Bounds(192, y + 104, 980, y + 156)).text(chat.preview()));
    if (chat.muted()) {
      bottom.add(node("android.widget.ImageView", id("h_5"), new Bounds(1000, y + 110, 1048, y + 150)));
    }
    body.add(bottom);
    row.add(body);
    return row;
  }

  private Node chat(WeChatModel.View view) {
    WeChatModel.OpenChat chat = view.open();
    Node content = node("android.widget.FrameLayout", "android:id/content", new Bounds(0, 0, WIDTH, height));
    content.add(actionBar(chat.group() ? chat.name() + "(" + chat.members() + ")" : chat.name()));
    if (chat.folder()) {
      content.add(folder(chat));
      return window(content);
    }

    Node messages = node("androidx.recyclerview.widget.RecyclerView", id("bp0"), new Bounds(0, LIST_TOP, WIDTH, listBottom)).scrollable();
    // WeChat shows a time label only above the first message after a pause, inside that message's item; the list
    // is scrolled to its end (less the chat's scroll), and items cut by its top or bottom edge show what is inside
    List<WeChatModel.Message> all = chat.messages();
    int[] heights = new int[all.size()];
    boolean[] labelled = new boolean[all.size()];
    int total = 0;
    for (int i = 0; i < all.size(); i++) {
      labelled[i] = i == 0 || !all.get(i).time().equals(all.get(i - 1).time());
      heights[i] = (labelled[i] ? LABEL_HEIGHT : 0) + bubbleHeight(all.get(i), chat.group());
      total += heights[i];
    }
    int visible = listBottom - LIST_TOP;
    int y = total <= visible ? LIST_TOP : listBottom - total + Math.min(view.scroll(), total - visible);
    for (int i = 0; i < all.size(); i++) {
      if (y + heights[i] > LIST_TOP && y < listBottom) {
        Node item = message(all.get(i), chat.group(), y, heights[i], labelled[i]);
        Node shown = item.clipped(LIST_TOP, listBottom);
        if (shown != null) {
          messages.add(shown);
        }
      }
      y += heights[i];
    }
    content.add(messages);

    Node input = node("android.widget.LinearLayout", "", new Bounds(0, listBottom, WIDTH, height));
    input.add(node("android.widget.ImageButton", id("b4u"), new Bounds(16, listBottom + 40, 136, listBottom + 160)).desc("切换到按住说话").clickable());
    Bounds box = new Bounds(150, listBottom + 30, 780, listBottom + 170);
    Node edit = node("android.widget.EditText", id("bkk"), box).text(view.input()).clickable().focusable().focused(view.inputFocused());
    input.add(edit);
    targets.add(new Target(box, Action.FOCUS_INPUT, ""));
    input.add(node("android.widget.ImageButton", id("b6e"), new Bounds(790, listBottom + 40, 880, listBottom + 160)).desc("表情").clickable());
    if (view.input().isEmpty()) {
      input.add(node("android.widget.ImageButton", id("b8k"), new Bounds(890, listBottom + 40, 1060, listBottom + 160)).desc("更多功能按钮，已折叠").clickable());
    } else {
      Bounds send = new Bounds(890, listBottom + 50, 1060, listBottom + 150);
      input.add(node("android.widget.Button", id("bql"), send).text("发送").clickable());
      targets.add(new Target(send, Action.SEND, ""));
    }
    content.add(input);
    return window(content);
  }

  private Node actionBar(String title) {
    Node bar = node("android.widget.LinearLayout", id("obq"), new Bounds(0, 80, WIDTH, LIST_TOP));
    Bounds back = new Bounds(0, 90, 130, 190);
    bar.add(node("android.widget.ImageView", id("actionbar_up_indicator"), back).desc("返回").clickable());
    targets.add(new Target(back, Action.BACK, ""));
    bar.add(node("android.widget.TextView", id("obn"), new Bounds(150, 110, 800, 180)).text(title));
    bar.add(node("android.widget.ImageView", id("eo"), new Bounds(960, 90, 1060, 190)).desc("聊天信息").clickable());
    return bar;
  }

  /** A folder (订阅号消息): a list of accounts with their latest article, no input box. */
  private Node folder(WeChatModel.OpenChat chat) {
    Node list = node("android.widget.ListView", id("h2b"), new Bounds(0, LIST_TOP, WIDTH, height)).scrollable();
    int y = LIST_TOP;
    for (WeChatModel.Message message : chat.messages()) {
      if (y + ROW_HEIGHT > height) {
        break;
      }
      Node row = node("android.widget.LinearLayout", id("h2c"), new Bounds(0, y, WIDTH, y + ROW_HEIGHT)).clickable();
      row.add(node("android.widget.TextView", id("h2d"), new Bounds(192, y + 36, 800, y + 96)).text(message.sender()));
      row.add(node("android.widget.TextView", id("h2e"), new Bounds(192, y + 104, 980, y + 156)).text(message.text()));
      list.add(row);
      y += ROW_HEIGHT;
    }
    return list;
  }

  static final int LABEL_HEIGHT = 60;

  /** A bubble grows a line per 15 characters (and per line break) of its text. */
  static int bubbleHeight(WeChatModel.Message message, boolean group) {
    int lines = 0;
    for (String line : message.text().split("\n", -1)) {
      lines += Math.max(1, (line.codePointCount(0, line.length()) + 14) / 15);
    }
    return 110 + 60 * lines + (group && !message.own() ? 50 : 0);
  }

  private Node message(WeChatModel.Message message, boolean group, int top, int itemHeight, boolean labelled) {
    Node item = node("android.widget.RelativeLayout", id("bn1"), new Bounds(0, top, WIDTH, top + itemHeight));
    int y = top;
    if (labelled) {
      item.add(node("android.widget.TextView", id("br1"), new Bounds(440, y + 10, 640, y + 50)).text(message.time()));
      y += LABEL_HEIGHT;
    }
    int h = top + itemHeight - y;
    Node layout = node("android.widget.LinearLayout", id("bkj"), new Bounds(0, y + 4, WIDTH, y + h - 4));
    Bounds avatarBounds = message.own() ? new Bounds(924, y + 14, 1016, y + 106) : new Bounds(16, y + 14, 108, y + 106);
    Node avatar = node("android.widget.RelativeLayout", id("bk4"), avatarBounds);
    avatar.add(node("android.widget.ImageView", id("bk1"), avatarBounds).desc(message.sender() + "头像").clickable().longClickable());
    Node column = node("android.widget.LinearLayout", "", message.own() ? new Bounds(300, y + 14, 904, y + h - 14) : new Bounds(126, y + 14, 780, y + h - 14));
    int textTop = y + 24;
    if (group && !message.own()) {
      column.add(node("android.widget.TextView", id("brc"), new Bounds(140, y + 14, 600, y + 60)).text(message.sender()));
      textTop = y + 70;
    }
    Node bubble = node("android.widget.LinearLayout", "", message.own() ? new Bounds(400, textTop, 904, y + h - 14) : new Bounds(126, textTop, 700, y + h - 14));
    if (message.picture()) {
      bubble.add(node("android.widget.FrameLayout", id("bkg"), message.own() ? new Bounds(420, textTop + 8, 890, y + h - 22) : new Bounds(140, textTop + 8, 680, y + h - 22)).desc("图片").clickable());
    } else {
      bubble.add(
          node("android.widget.TextView", id("bkl"), message.own() ? new Bounds(420, textTop + 8, 890, y + h - 22) : new Bounds(140, textTop + 8, 680, y + h - 22))
              .text(message.text())
              .clickable()
              .longClickable());
    }
    column.add(bubble);
    if (message.own()) {
      layout.add(column);
      layout.add(avatar);
    } else {
      layout.add(avatar);
      layout.add(column);
    }
    item.add(layout);
    return item;
  }

  /** The window around an activity's content: decor view and its linear layout, as every dump has them. */
  private Node window(Node content) {
    Node root = node("android.widget.FrameLayout", "", new Bounds(0, 0, WIDTH, height));
    Node decor = node("android.widget.LinearLayout", "", new Bounds(0, 0, WIDTH, height));
    root.add(decor);
    decor.add(content);
    return root;
  }

  private String id(String name) {
    // a new WeChat release renames its obfuscated ids; the same layout then has ids no selector set knows
    return "com.tencent.mm:id/" + (obfuscated ? "z" + Integer.toHexString(name.hashCode() & 0xfff) : name);
  }

  private static Node node(String className, String resourceId, Bounds bounds) {
    return new Node(className, resourceId, bounds);
  }

  /** One {@code <node>}. */
  private static final class Node {
    private final String className;
    private final String resourceId;
    private final Bounds bounds;
    private final List<Node> children = new ArrayList<>();
    private String text = "";
    private String desc = "";
    private boolean clickable;
    private boolean longClickable;
    private boolean focusable;
    private boolean focused;
    private boolean scrollable;

    Node(String className, String resourceId, Bounds bounds) {
      this.className = className;
      this.resourceId = resourceId;
      this.bounds = bounds;
    }

    Node text(String value) {
      text = value;
      return this;
    }

    Node desc(String value) {
      desc = value;
      return this;
    }

    Node clickable() {
      clickable = true;
      return this;
    }

    Node longClickable() {
      longClickable = true;
      return this;
    }

    Node focusable() {
      focusable = true;
      return this;
    }

    Node focused(boolean value) {
      focused = value;
      return this;
    }

    Node scrollable() {
      scrollable = true;
      focusable = true;
      return this;
    }

    void add(Node child) {
      children.add(child);
    }

    /**
     * What uiautomator shows of this node inside the vertical band [top, bottom): nothing when it lies outside,
     * else the node with its bounds cut to the band and only the children that show (a view scrolled off is not
     * in a dump; one cut by the edge is, with the visible part as its bounds).
     */
    Node clipped(int top, int bottom) {
      if (bounds.bottom() <= top || bounds.top() >= bottom) {
        return null;
      }
      Node copy = new Node(className, resourceId, new Bounds(bounds.left(), Math.max(top, bounds.top()), bounds.right(), Math.min(bottom, bounds.bottom())));
      copy.text = text;
      copy.desc = desc;
      copy.clickable = clickable;
      copy.longClickable = longClickable;
      copy.focusable = focusable;
      copy.focused = focused;
      copy.scrollable = scrollable;
      for (Node child : children) {
        Node shown = child.clipped(top, bottom);
        if (shown != null) {
          copy.children.add(shown);
        }
      }
      return copy;
    }

    void render(StringBuilder xml, int index) {
      xml.append("<node index=\"").append(index)
          .append("\" text=\"").append(escape(text))
          .append("\" resource-id=\"").append(resourceId)
          .append("\" class=\"").append(className)
          .append("\" package=\"com.tencent.mm\" content-desc=\"").append(escape(desc))
          .append("\" checkable=\"false\" checked=\"false\" clickable=\"").append(clickable)
          .append("\" enabled=\"true\" focusable=\"").append(focusable)
          .append("\" focused=\"").append(focused)
          .append("\" scrollable=\"").append(scrollable)
          .append("\" long-clickable=\"").append(longClickable)
          .append("\" password=\"false\" selected=\"false\" bounds=\"").append(bounds)
          .append("\"");
      if (children.isEmpty()) {
        xml.append(" />");
        return;
      }
      xml.append(">");
      for (int i = 0; i < children.size(); i++) {
        children.get(i).render(xml, i);
      }
      xml.append("</node>");
    }

    private static String escape(String value) {
      StringBuilder escaped = new StringBuilder(value.length());
      for (char c : value.toCharArray()) {
        switch (c) {
          case '&' -> escaped.append("&amp;");
          case '<' -> escaped.append("&lt;");
          case '>' -> escaped.append("&gt;");
          case '"' -> escaped.append("&quot;");
          case '\n' -> escaped.append("&#10;");
          default -> escaped.append(c);
        }
      }
      return escaped.toString();
    }
  }
}
