package io.celestialnexus.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nexus wechat verify|simulate}: talk to a WeChat webhook the way WeChat's servers do. */
@Command(
    name = "wechat",
    description = "Check the WeChat Official Account endpoint as WeChat would.",
    subcommands = {WechatVerifyCommand.class, WechatSimulateCommand.class})
public final class WechatCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
