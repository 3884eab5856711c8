package dev.notify.spi;

/**
 * Django Channels' rules for channel and group names.
 *
 * <ul>
 *   <li>channel: {@value #CHANNEL_RULE}, shorter than {@value #MAX_LENGTH} characters; a name with
 *       {@code !} is process-specific;</li>
 *   <li>group: {@value #GROUP_RULE}, shorter than {@value #MAX_LENGTH} characters.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class NameRules {
    /** Names must be shorter than this. */
    public static final int MAX_LENGTH = 100;
    /** The channel name rule. */
    public static final String CHANNEL_RULE = "^[a-zA-Z\\d\\-_.]+(![\\d\\w\\-_.]*)?$";
    /** The group name rule. */
    public static final String GROUP_RULE = "^[a-zA-Z\\d\\-_.]+$";


    private NameRules() {
    }

    /**
     * @param name a channel name
     * @return the name
     * @throws IllegalArgumentException showing the name and the rule
     */
    public static String requireChannel(String name) {
        return require("channel", name, isChannel(name), CHANNEL_RULE);
    }

    /**
     * @param name a group name
     * @return the name
     * @throws IllegalArgumentException showing the name and the rule
     */
    public static String requireGroup(String name) {
        return require("group", name, isGroup(name), GROUP_RULE);
    }

    /**
     * @param channel a valid channel name
     * @return whether it is process-specific (has a {@code !})
     */
    public static boolean isProcessSpecific(String channel) {
        return channel.indexOf('!') >= 0;
    }

    /**
     * @param channel a valid channel name
     * @return the part up to and including the first {@code !}, or the whole name if none
     */
    public static String nonLocalPart(String channel) {
        int bang = channel.indexOf('!');
        return bang < 0 ? channel : channel.substring(0, bang + 1);
    }

    // hand-written equivalents of the two rules: names are checked on every send and receive
    private static boolean isChannel(String name) {
        if (name == null) {
            return false;
        }
        int bang = name.indexOf('!');
        int end = bang < 0 ? name.length() : bang;
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (i != bang && !isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGroup(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }

    private static String require(String kind, String name, boolean matches, String rule) {
        if (name == null) {
            throw new IllegalArgumentException(kind + " name must not be null");
        }
        if (name.length() >= MAX_LENGTH) {
            throw new IllegalArgumentException("invalid " + kind + " name '" + name + "': it has " + name.length()
                    + " characters; names must be shorter than " + MAX_LENGTH);
        }
        if (!matches) {
            throw new IllegalArgumentException("invalid " + kind + " name '" + name + "': it must match " + rule
                    + " (ASCII letters, digits, '-', '_', '.'" + ("channel".equals(kind) ? ", and one '!' for process-specific names" : "") + ")");
        }
        return name;
    }
}
