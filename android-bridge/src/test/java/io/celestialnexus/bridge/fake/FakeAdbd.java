package io.celestialnexus.bridge.fake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;

/**
 * A fake phone's adbd on 127.0.0.1 (a free port), speaking the ADB transport protocol as AOSP's protocol.txt
 * describes it: the CNXN handshake (its banner lists {@code features=shell_v2,cmd}, or only {@code cmd} for an old
 * phone from {@link #startLegacy}; no authentication asked),
 * then streams opened with OPEN, answered with OKAY, carried by WRTE (each acknowledged with OKAY before the next)
 * and ended with CLSE. Services: {@code shell,v2,raw:} (the shell protocol's stdout/stderr/exit packets),
 * {@code shell:}, {@code exec:} (raw bytes) and {@code sync:} (SEND/DATA/DONE and RECV into an in-memory file
 * store). Commands run against a {@link WeChatModel}.
 *
 * <p>Both dadb and the real adb server ({@code adb connect 127.0.0.1:<port>}) connect to it. It can split its
 * output into tiny WRTEs and shell packets (so UTF-8 characters straddle them), go offline (connections closed
 * and refused) and come back, and drop a connection mid-command when the model says so.
 */
public final class FakeAdbd implements AutoCloseable {

  private static final int VERSION = 0x01000001;
  private static final boolean QUICK_ACK_SUPPORTED = supportsQuickAck();
  private static final int MAX_DATA = 256 * 1024;
  private static final String BANNER = "device::ro.product.name=nexus_fake;ro.product.model=Nexus Fake Phone;ro.product.device=fake;features=";

  private final ServerSocket server;
  private final boolean shellV2;
  private final WeChatModel model;
  private final FakeShell shell;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean offline;
  private volatile boolean closed;
  private volatile int writeChunk = MAX_DATA;
  private volatile int shellPacketChunk = MAX_DATA;

  private FakeAdbd(ServerSocket server, WeChatModel model, boolean shellV2) {
    this.server = server;
    this.shellV2 = shellV2;
    this.model = model;
    this.shell = new FakeShell(model);
  }

  private static boolean supportsQuickAck() {
    try (Socket probe = new Socket()) {
      return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
    } catch (IOException e) {
      return false;
    }
  }

  /** A phone of Android 7 or later: its banner offers {@code shell_v2}. */
  public static FakeAdbd start(WeChatModel model) throws IOException {
    return start(model, true);
  }

  /**
   * An older phone (Android 6 and before): no {@code shell_v2} in its banner and no {@code shell,v2} service, so
   * the host runs commands in the legacy {@code shell:} stream, which carries no exit status.
   */
  public static FakeAdbd startLegacy(WeChatModel model) throws IOException {
    return start(model, false);
  }

  private static FakeAdbd start(WeChatModel model, boolean shellV2) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    FakeAdbd adbd = new FakeAdbd(server, model, shellV2);
    Thread acceptor = new Thread(adbd::acceptLoop, "fake-adbd-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
    return adbd;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The serial an adb server gives this phone after {@code adb connect}. */
  public String tcpSerial() {
    return "127.0.0.1:" + port();
  }

  public WeChatModel model() {
    return model;
  }

  /** Files pushed to the phone (path to content); tests may also put files to pull. */
  public Map<String, byte[]> files() {
    return files;
  }

  /** Splits every stream's output into WRTE payloads of at most {@code bytes} (and shell packets likewise). */
  public FakeAdbd splitOutput(int bytes) {
    writeChunk = bytes;
    shellPacketChunk = bytes;
    return this;
  }

  /**
   * The connection drops right after the next command that starts with {@code commandPrefix} ran (e.g. right after
   * typing, {@code "am broadcast -a ADB_INPUT_B64"}): what it printed is sent, then the connection closes.
   */
  public FakeAdbd dropAfterNext(String commandPrefix) {
    shell.dropAfterNext(commandPrefix);
    return this;
  }

  /** After the next send tap, the next {@code dumps} uiautomator dumps find no idle state. */
  public FakeAdbd notIdleAfterNextSend(int dumps) {
    shell.notIdleAfterNextSend(dumps);
    return this;
  }

  /** The phone is gone: open connections close, new ones are closed at once. */
  public void goOffline() {
    offline = true;
    connections.forEach(FakeAdbd::closeQuietly);
  }

  public void comeBack() {
    offline = false;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    connections.forEach(FakeAdbd::closeQuietly);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        if (offline) {
          closeQuietly(socket);
          continue;
        }
        socket.setTcpNoDelay(true); // as adbd does (disable_tcp_nagle): small packets go out at once
        connections.add(socket);
        Thread thread = new Thread(() -> serve(socket), "fake-adbd-connection-" + socket.getPort());
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      new Connection(socket).run();
    } catch (IOException e) {
      // the peer (or goOffline) closed the connection
    } finally {
      connections.remove(socket);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }

  /** One transport connection: its streams, served in order on the connection's own thread. */
  private final class Connection {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Integer, Stream> streams = new HashMap<>();
    private int nextId = 1;
    private int maxData = MAX_DATA;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    void run() throws IOException {
      while (true) {
        AdbPacket packet = AdbPacket.read(in);
        quickAck();
        switch (packet.command()) {
          case AdbPacket.CNXN -> {
            maxData = Math.min(MAX_DATA, packet.arg1());
            String features = shellV2 ? "shell_v2,cmd" : "cmd";
            send(AdbPacket.CNXN, Math.min(VERSION, packet.arg0()), maxData, (BANNER + features).getBytes(StandardCharsets.UTF_8));
          }
          case AdbPacket.OPEN -> open(packet);
          case AdbPacket.OKAY -> {
            Stream stream = streams.get(packet.arg1());
            if (stream != null) {
              stream.awaitingOkay = false;
              pump(stream);
            }
          }
          case AdbPacket.WRTE -> {
            send(AdbPacket.OKAY, packet.arg1(), packet.arg0(), new byte[0]);
            Stream stream = streams.get(packet.arg1());
            if (stream != null && stream.sync != null) {
              stream.queue(stream.sync.input(packet.payload(), stream), Math.min(writeChunk, maxData));
              pump(stream);
            }
          }
          case AdbPacket.CLSE -> {
            Stream stream = streams.remove(packet.arg1());
            if (stream != null) {
              send(AdbPacket.CLSE, stream.ourId, stream.hostId, new byte[0]);
            }
          }
          default -> {} // AUTH and anything else: this phone asks for no authentication
        }
      }
    }

    private void open(AdbPacket packet) throws IOException {
      String service = packet.service();
      int hostId = packet.arg0();
      if (service.startsWith("sync:")) {
        Stream stream = accept(hostId);
        stream.sync = new SyncSession();
        return;
      }
      boolean v2 = service.startsWith("shell,v2") && shellV2;
      boolean raw = service.startsWith("exec:") || service.startsWith("shell:");
      if (!v2 && !raw) {
        send(AdbPacket.CLSE, 0, hostId, new byte[0]); // a service this phone does not offer
        return;
      }
      Stream stream = accept(hostId);
      FakeShell.Output output = shell.run(service.substring(service.indexOf(':') + 1));
      // exec: is a raw pipe (stdout only); the legacy shell: runs in a PTY, stdout and stderr in one stream
      byte[] bytes = v2 ? shellPackets(output) : service.startsWith("exec:") ? output.stdout() : output.combined();
      if (output.drop()) {
        // the phone vanished right after the command; what it did, it did, and what it printed may have left
        if (!v2 && bytes.length > 0) {
          send(AdbPacket.WRTE, stream.ourId, hostId, Arrays.copyOf(bytes, Math.min(bytes.length, maxData)));
        }
        socket.close();
        throw new IOException("dropped by script");
      }
      stream.queue(bytes, Math.min(writeChunk, maxData));
      stream.finished = true;
      pump(stream);
    }

    private Stream accept(int hostId) throws IOException {
      Stream stream = new Stream(nextId++, hostId);
      streams.put(stream.ourId, stream);
      send(AdbPacket.OKAY, stream.ourId, hostId, new byte[0]);
      return stream;
    }

    /** Sends the next queued payload once the previous one was acknowledged; closes a finished stream. */
    private void pump(Stream stream) throws IOException {
      if (stream.awaitingOkay || !streams.containsKey(stream.ourId)) {
        return;
      }
      byte[] next = stream.outgoing.poll();
      if (next != null) {
        stream.awaitingOkay = true;
        send(AdbPacket.WRTE, stream.ourId, stream.hostId, next);
      } else if (stream.finished) {
        streams.remove(stream.ourId);
        send(AdbPacket.CLSE, stream.ourId, stream.hostId, new byte[0]);
      }
    }

    private void send(int command, int arg0, int arg1, byte[] payload) throws IOException {
      new AdbPacket(command, arg0, arg1, payload).write(out);
    }

    /**
     * Acknowledges what arrived at once. dadb leaves Nagle on, so its small OPEN after the CLSE that ends the
     * previous stream waits for that CLSE's ACK; a peer that delays ACKs (Linux by default, up to 40 ms) would add
     * that to every operation. Benchmarks measure the bridge, not that interplay (see PhoneE2eBench).
     */
    private void quickAck() {
      if (QUICK_ACK_SUPPORTED) {
        try {
          socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        } catch (IOException | UnsupportedOperationException e) {
          // not on this platform: ACKs are merely slower
        }
      }
    }
  }

  /**
   * The shell protocol v2: stdout and stderr in packets of at most shellPacketChunk bytes, then the exit code (none
   * when the connection drops: the host sees the stream end without it).
   */
  private byte[] shellPackets(FakeShell.Output output) {
    var bytes = new ByteArrayOutputStream();
    packets(bytes, 1, output.stdout());
    packets(bytes, 2, output.stderr());
    if (!output.drop()) {
      bytes.writeBytes(header(3, 1));
      bytes.write(output.exitCode());
    }
    return bytes.toByteArray();
  }

  private void packets(ByteArrayOutputStream bytes, int id, byte[] data) {
    for (int start = 0; start < data.length; start += shellPacketChunk) {
      int end = Math.min(data.length, start + shellPacketChunk);
      bytes.writeBytes(header(id, end - start));
      bytes.write(data, start, end - start);
    }
  }

  private static byte[] header(int id, int length) {
    return ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).put((byte) id).putInt(length).array();
  }

  /** A stream's pending output and flow-control state. */
  private static final class Stream {
    final int ourId;
    final int hostId;
    final Deque<byte[]> outgoing = new ArrayDeque<>();
    boolean awaitingOkay;
    boolean finished;
    SyncSession sync;

    Stream(int ourId, int hostId) {
      this.ourId = ourId;
      this.hostId = hostId;
    }

    void queue(byte[] bytes, int chunk) {
      for (int start = 0; start < bytes.length; start += chunk) {
        outgoing.add(Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + chunk)));
      }
    }
  }

  /** The sync service: SEND path,mode / DATA / DONE stores a file, RECV streams one back, QUIT ends. */
  private final class SyncSession {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private String receiving;

    /** Consumes the host's bytes; answers what to send back (possibly nothing yet). */
    byte[] input(byte[] payload, Stream stream) {
      var reply = new ByteArrayOutputStream();
      buffer.writeBytes(payload);
      byte[] pending = buffer.toByteArray();
      int offset = 0;
      while (pending.length - offset >= 8) {
        String id = new String(pending, offset, 4, StandardCharsets.US_ASCII);
        int arg = ByteBuffer.wrap(pending, offset + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        boolean carriesData = id.equals("SEND") || id.equals("DATA") || id.equals("RECV");
        if (carriesData && pending.length - offset - 8 < arg) {
          break;
        }
        byte[] data = carriesData ? Arrays.copyOfRange(pending, offset + 8, offset + 8 + arg) : new byte[0];
        offset += 8 + data.length;
        switch (id) {
          case "SEND" -> {
            String spec = new String(data, StandardCharsets.UTF_8);
            receiving = spec.substring(0, spec.lastIndexOf(','));
            file.reset();
          }
          case "DATA" -> file.writeBytes(data);
          case "DONE" -> {
            files.put(receiving, file.toByteArray());
            reply.writeBytes(packet("OKAY", 0, new byte[0]));
          }
          case "RECV" -> reply.writeBytes(recv(new String(data, StandardCharsets.UTF_8)));
          case "QUIT" -> stream.finished = true;
          default -> reply.writeBytes(failure("unsupported sync request " + id));
        }
      }
      buffer.reset();
      buffer.write(pending, offset, pending.length - offset);
      return reply.toByteArray();
    }

    private byte[] recv(String path) {
      byte[] content = files.get(path);
      if (content == null) {
        return failure("remote object '" + path + "' does not exist");
      }
      var reply = new ByteArrayOutputStream();
      for (int start = 0; start < content.length; start += 64 * 1024) {
        int end = Math.min(content.length, start + 64 * 1024);
        reply.writeBytes(packet("DATA", end - start, Arrays.copyOfRange(content, start, end)));
      }
      reply.writeBytes(packet("DONE", 0, new byte[0]));
      return reply.toByteArray();
    }

    private byte[] failure(String message) {
      byte[] text = message.getBytes(StandardCharsets.UTF_8);
      return packet("FAIL", text.length, text);
    }

    private byte[] packet(String id, int arg, byte[] data) {
      return ByteBuffer.allocate(8 + data.length)
          .order(ByteOrder.LITTLE_ENDIAN)
          .put(id.getBytes(StandardCharsets.US_ASCII))
          .putInt(arg)
          .put(data)
          .array();
    }
  }
}
