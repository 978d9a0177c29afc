package io.celestialnexus.bridge.wechat;

/**
 * A part of WeChat's screen the bridge reads or touches. Each role has, per WeChat version, an ordered list of
 * XPath candidates (resource ids first, text and class fallbacks after); the first candidate that selects
 * anything wins. Row and message roles are relative to their row ({@code .//node[...]}).
 */
public enum UiRole {
  /** A conversation in the chat list (clickable row). */
  CHAT_LIST_ROW("chat-list-row", Scope.SCREEN),
  /** The unread badge of a row: a count, or a dot for muted chats. */
  UNREAD_BADGE("unread-badge", Scope.ROW),
  /** The conversation's name in a row. */
  CHAT_NAME("chat-name", Scope.ROW),
  /** The last message's preview in a row. */
  PREVIEW("preview", Scope.ROW),
  /** The open chat's title in the action bar. */
  CHAT_TITLE("chat-title", Scope.SCREEN),
  /** One item of the message list: a message or a time label. */
  MESSAGE_ROW("message-row", Scope.SCREEN),
  /** A message's text bubble. */
  MESSAGE_BUBBLE("message-bubble", Scope.MESSAGE),
  /** A message's sender name (shown in group chats only). */
  SENDER("sender", Scope.MESSAGE),
  /** A message's avatar: its side tells incoming from own, its description names the sender. */
  AVATAR("avatar", Scope.MESSAGE),
  /** A time label between messages. */
  TIME_LABEL("time-label", Scope.MESSAGE),
  /** The text input of an open chat. */
  INPUT_BOX("input-box", Scope.SCREEN),
  /** The send button (shown once the input has text). */
  SEND_BUTTON("send-button", Scope.SCREEN),
  /** The action bar's back button. */
  BACK("back", Scope.SCREEN);

  /** What a role's selectors are evaluated against. */
  public enum Scope {
    SCREEN,
    ROW,
    MESSAGE
  }

  private final String key;
  private final Scope scope;

  UiRole(String key, Scope scope) {
    this.key = key;
    this.scope = scope;
  }

  /** The role's key in the selectors file. */
  public String key() {
    return key;
  }

  public Scope scope() {
    return scope;
  }
}
