package dev.notify.examples.notifications.store;

import java.util.List;

/**
 * One page of the admin list.
 *
 * @param items the notifications on this page, newest first
 * @param total how many notifications match the query on all pages
 * @param page this page's number, from 1
 * @param pageSize the most items a page holds
 */
public record NotificationPage(List<Notification> items, long total, int page, int pageSize) {
    /** Copies the items. */
    public NotificationPage {
        items = List.copyOf(items);
    }

    /** @return the number of pages, at least 1 */
    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }
}
