package io.celestialnexus.http.wechat;

/**
 * Test vectors published by WeChat and by other SDKs' test suites, copied as data.
 *
 * <ul>
 *   <li>WeChat's official message-encryption sample (WXBizMsgCryptTest in the Java download; the same values are in
 *       WxJava's WxCryptUtilTest): encryption with the fixed random prefix "aaaabbbbccccdddd".
 *   <li>WeChat's official Python sample (Sample.py): a message from WeChat with its msg_signature.
 *   <li>wechatpy's test_utils (test_check_signature_should_ok): a URL-verification signature.
 * </ul>
 */
final class PublishedVectors {

  private PublishedVectors() {}

  static final String SAMPLE_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  // WeChat's Java sample / WxJava WxCryptUtilTest
  static final String SAMPLE_APP_ID = "wxb11529c136998cb6";
  static final String SAMPLE_RANDOM = "aaaabbbbccccdddd";
  static final String SAMPLE_REPLY = "我是中文abcd123";
  static final String SAMPLE_REPLY_ENCRYPTED =
      "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
  static final String SAMPLE_REPLY_2 =
      "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";
  static final String SAMPLE_REPLY_2_ENCRYPTED =
      "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";

  // WeChat's Python sample (Sample.py): what WeChat sent, with its signature
  static final String PY_TOKEN = "spamtest";
  static final String PY_APP_ID = "wx2c2769f8efd9abc2";
  static final String PY_TIMESTAMP = "1409735669";
  static final String PY_NONCE = "1320562132";
  static final String PY_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";
  static final String PY_ENCRYPT =
      "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

  // wechatpy tests/test_utils.py
  static final String WECHATPY_TOKEN = "test";
  static final String WECHATPY_TIMESTAMP = "1410685589";
  static final String WECHATPY_NONCE = "test";
  static final String WECHATPY_SIGNATURE = "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff";
}
