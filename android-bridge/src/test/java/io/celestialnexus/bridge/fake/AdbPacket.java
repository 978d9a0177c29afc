package io.celestialnexus.bridge.fake;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One ADB transport message as adbd speaks it (AOSP protocol.txt): six little-endian words (command, arg0, arg1,
 * payload length, payload checksum, command ^ 0xffffffff) and the payload.
 */
record AdbPacket(int command, int arg0, int arg1, byte[] payload) {

  static final int CNXN = 0x4e584e43;
  static final int OPEN = 0x4e45504f;
  static final int OKAY = 0x59414b4f;
  static final int CLSE = 0x45534c43;
  static final int WRTE = 0x45545257;
  static final int AUTH = 0x48545541;

  static AdbPacket read(DataInputStream in) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    in.readFully(header.array());
    int command = header.getInt();
    int arg0 = header.getInt();
    int arg1 = header.getInt();
    int length = header.getInt();
    header.getInt(); // checksum: not checked since protocol version 0x01000001, and dadb's are right anyway
    int magic = header.getInt();
    if (magic != ~command) {
      throw new IOException("bad magic for command " + Integer.toHexString(command));
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new AdbPacket(command, arg0, arg1, payload);
  }

  void write(OutputStream out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(24 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    int checksum = 0;
    for (byte b : payload) {
      checksum += b & 0xff;
    }
    buffer.putInt(command).putInt(arg0).putInt(arg1).putInt(payload.length).putInt(checksum).putInt(~command).put(payload);
    out.write(buffer.array());
    out.flush();
  }

  /** An OPEN's service name, without its terminating NUL. */
  String service() {
    int end = payload.length;
    while (end > 0 && payload[end - 1] == 0) {
      end--;
    }
    return new String(payload, 0, end, StandardCharsets.UTF_8);
  }
}
