package dev.notify.nats;

/**
 * The NATS subjects of one prefix: {@code <prefix>.group.<group>} per group,
 * {@code <prefix>.process.<process>.<channel>} for the process-specific channels of a process, and
 * {@code <prefix>.channel.<channel>} per named channel. A channel or group name becomes one subject
 * token: its dots are written {@code ~}, which names never contain, so the mapping is reversible.
 */
final class Subjects {
    private final String prefix;

    Subjects(String prefix) {
        this.prefix = prefix;
    }

    /** @return the subject a group's messages are published on */
    String group(String group) {
        return prefix + ".group." + token(group);
    }

    /** @return the subject of a process itself (answers barrier requests) */
    String process(String processId) {
        return prefix + ".process." + processId;
    }

    /** @return the wildcard subject that receives every process-specific channel of a process */
    String processChannels(String processId) {
        return process(processId) + ".*";
    }

    /** @return the subject a process-specific channel's messages are sent to */
    String direct(String channel) {
        return process(processOf(channel)) + "." + token(channel);
    }

    /** @return the subject a named channel's messages are sent to, received in a queue group */
    String named(String channel) {
        return prefix + ".channel." + token(channel);
    }

    /** @return the channel name that a direct or named subject carries in its last token */
    static String channelOf(String subject) {
        return subject.substring(subject.lastIndexOf('.') + 1).replace('~', '.');
    }

    /**
     * The process id of a process-specific channel {@code <prefix>.<process>!<local>}: the token
     * before {@code !}.
     */
    static String processOf(String channel) {
        String nonLocal = channel.substring(0, channel.indexOf('!'));
        String last = nonLocal.substring(nonLocal.lastIndexOf('.') + 1);
        return last.isEmpty() ? token(nonLocal) : last;
    }

    /** @return whether a prefix is one or more non-empty subject tokens without wildcards or white space */
    static boolean isValidPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.startsWith(".") || prefix.endsWith(".") || prefix.contains("..")) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '*' || c == '>' || c <= ' ' || c == 127) {
                return false;
            }
        }
        return true;
    }

    private static String token(String name) {
        return name.replace('.', '~');
    }
}
