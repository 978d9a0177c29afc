#!/usr/bin/env bash
# Builds the file tree the container image is made of, on this (Debian) machine, with no registry and no daemon:
# a jlink'ed Java runtime, the shared libraries it and the charts need (resolved with ldd), fontconfig and the
# DejaVu fonts (the charts draw text), CA certificates, and the writable /data, /logs and /tmp. Jib then lays the
# application on top of this tree on an empty ("scratch") base (mvn -Pimage package).
#   ops/image/rootfs.sh OUT_DIR
set -euo pipefail

out="${1:?usage: rootfs.sh OUT_DIR}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
rm -rf "$out"
mkdir -p "$out"

# The modules the node uses (jdeps over the application's jars names the same set, plus the charsets and locale
# data that Chinese text needs); headless AWT is in java.desktop.
"$java_home/bin/jlink" \
  --add-modules java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.naming.dns \
  --strip-debug --no-header-files --no-man-pages \
  --output "$out/opt/java"
# What a headless node never loads (and whose X11/ALSA libraries the image does without).
rm -f "$out"/opt/java/lib/libawt_xawt.so "$out"/opt/java/lib/libjsound.so "$out"/opt/java/lib/libsplashscreen.so

copy() { # a file, under the same path, symlinks followed to their target and the link kept too
  local path="$1"
  mkdir -p "$out$(dirname "$path")"
  cp -L --preserve=mode "$path" "$out$path"
}

libraries() { # every shared library the given ELF files need, by the loader's resolution
  ldd "$@" 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | sort -u
}

elves=("$out/opt/java/bin/java" "$out"/opt/java/lib/*.so "$out"/opt/java/lib/server/libjvm.so)
fontconfig="$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p | awk '/libfontconfig\.so\.1 / {print $NF; exit}')"
[ -n "$fontconfig" ] || { echo "rootfs.sh: libfontconfig.so.1 is missing (apt-get install fontconfig)" >&2; exit 1; }
for lib in $(LD_LIBRARY_PATH="$out/opt/java/lib:$out/opt/java/lib/server" libraries "${elves[@]}" "$fontconfig") "$fontconfig"; do
  case "$lib" in "$out"/*) continue ;; esac
  copy "$lib"
done
# the program loader, where every binary looks for it
loader="$(readlink -f /lib64/ld-linux-x86-64.so.2)"
copy "$loader"
mkdir -p "$out/lib64"
ln -sf "$loader" "$out/lib64/ld-linux-x86-64.so.2"

# fonts for the charts, and fontconfig's configuration
mkdir -p "$out/etc" "$out/usr/share/fonts/truetype"
cp -rL /etc/fonts "$out/etc/fonts"
cp -rL /usr/share/fonts/truetype/dejavu "$out/usr/share/fonts/truetype/dejavu"
mkdir -p "$out/var/cache/fontconfig"

# who the node runs as (numeric in the image config; named here for tools that look)
printf 'root:x:0:0:root:/root:/sbin/nologin\nnexus:x:65532:65532:nexus:/data:/sbin/nologin\n' >"$out/etc/passwd"
printf 'root:x:0:\nnexus:x:65532:\n' >"$out/etc/group"
mkdir -p "$out/data" "$out/logs" "$out/tmp"
# writable for the node's user (Jib keeps these modes; see <permissions> in app/pom.xml)
chmod 1777 "$out/tmp"
chmod 0777 "$out/data" "$out/logs" "$out/var/cache/fontconfig"
