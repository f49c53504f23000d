package dev.middleman.core.memory;

import dev.middleman.core.spi.JobInspection.Page;
import dev.middleman.core.spi.JobInspection.PageRequest;
import dev.middleman.core.spi.PageCursor;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/** Cuts a page out of items sorted by a key then an id, starting after a cursor. */
final class KeysetPager<T> {

  private final ToLongFunction<T> key;
  private final ToLongFunction<T> id;

  KeysetPager(ToLongFunction<T> key, ToLongFunction<T> id) {
    this.key = key;
    this.id = id;
  }

  Page<T> page(Stream<T> items, PageRequest request, long walkMark) {
    Comparator<T> order = Comparator.comparingLong(key).thenComparingLong(id);
    if (!request.ascending()) {
      order = order.reversed();
    }
    List<T> window = items
        .filter(item -> isAfter(item, request))
        .sorted(order)
        .limit(request.limit() + 1L)
        .toList();
    if (window.size() <= request.limit()) {
      return new Page<>(window, null);
    }
    List<T> page = window.subList(0, request.limit());
    T last = page.getLast();
    return new Page<>(
        List.copyOf(page), new PageCursor(key.applyAsLong(last), id.applyAsLong(last), walkMark));
  }

  private boolean isAfter(T item, PageRequest request) {
    PageCursor cursor = request.after();
    if (cursor == null) {
      return true;
    }
    int comparison = Long.compare(key.applyAsLong(item), cursor.key());
    if (comparison == 0) {
      comparison = Long.compare(id.applyAsLong(item), cursor.id());
    }
    return request.ascending() ? comparison > 0 : comparison < 0;
  }
}
