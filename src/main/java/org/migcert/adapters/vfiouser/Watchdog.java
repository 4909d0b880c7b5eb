package org.migcert.adapters.vfiouser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * How a device program is started so that it never outlives the harness: through {@code setsid}
 * and a few lines of {@code /bin/sh} that then {@code exec} the program in place. The program so
 * leads a session and process group of its own, with the pid the harness knows. Before the exec
 * the script leaves a watchdog behind, reading the harness's end of a pipe (the program's stdin
 * is {@code /dev/null}). The pipe closes when the harness dies, however it dies, SIGKILL
 * included; the watchdog then kills every process carrying the program's {@link Label} and the
 * program's whole process group, itself last.
 *
 * <p>The program's argv is passed as the script's positional parameters and run as {@code "$@"}:
 * no manifest value is ever read by the shell as code. If the exec fails (no such file, not
 * executable, a bad interpreter line), the script's EXIT trap prints a marker with a random token
 * the program never sees, so a start failure is told apart from a program that exits 126 or 127.
 */
public final class Watchdog {
    private static final String SH = "/bin/sh";
    /** Where util-linux puts setsid. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final String MARKER = "migcert: could not execute the device program";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Run by the watchdog, {@code $1} the program's pid (= its process group), {@code $2} its label. */
    private static final String WATCH = String.join("\n",
            "while read -r _; do :; done",
            "for f in /proc/[0-9]*/environ; do",
            "  if tr '\\0' '\\n' <\"$f\" 2>/dev/null | grep -qxF \"" + Label.VARIABLE + "=$2\"; then",
            "    p=${f#/proc/}; kill -KILL \"${p%/environ}\" 2>/dev/null",
            "  fi",
            "done",
            "kill -KILL -\"$1\" 2>/dev/null");

    /** Run by {@code sh -c}: {@code $1} the token, {@code $2} the watchdog's script, then the program's argv. */
    private static final String SCRIPT = String.join("\n",
            "token=$1; watch=$2; label=$" + Label.VARIABLE + "; shift 2",
            "trap 'echo \"" + MARKER + " $token\" >&2' EXIT",
            "exec 3<&0 </dev/null",
            // Without the label, so that its own scan spares it until the group kill.
            "(" + Label.VARIABLE + "= exec " + SH + " -c \"$watch\" migcert-watchdog \"$$\" \"$label\" <&3 >/dev/null 2>&1 &)",
            "exec \"$@\" 3<&-");

    private final String token;

    private Watchdog(String token) {
        this.token = token;
    }

    static Watchdog create() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return new Watchdog(HexFormat.of().formatHex(b));
    }

    /** The argv that runs {@code program} under this watchdog. */
    List<String> argv(List<String> program) throws IOException {
        Path setsid = SETSID.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IOException(
                "setsid (util-linux) is not installed: migcert needs it to give each device program a session"));
        List<String> out = new ArrayList<>(List.of(setsid.toString(), SH, "-c", SCRIPT, "migcert", token, WATCH));
        out.addAll(program);
        return out;
    }

    /**
     * Why the program could not be executed, when that is how it ended: the shell's message, from
     * the stderr of a run that ended with 126 or 127 and this watchdog's marker.
     */
    Optional<String> startFailure(int status, String stderr) {
        String marker = MARKER + " " + token;
        int at = stderr.lastIndexOf(marker);
        if (status != 126 && status != 127 || at < 0) {
            return Optional.empty();
        }
        String said = stderr.substring(0, at).strip();
        return Optional.of(said.isEmpty() ? "exit status " + status : said);
    }

    /** The reason in an exception from starting a process at all, without the JVM's mention of setsid. */
    public static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int at = m.indexOf("error=");
        return at < 0 ? m : m.substring(at);
    }
}
