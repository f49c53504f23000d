package dev.middleman.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.middleman.core.InvalidRequestException;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  private static final String LIST = "mail/deferred/desc";
  private final PageCursor cursor = new PageCursor(1_764_810_123_456L, 42, 7);

  @Test
  void a_cursor_decodes_to_where_it_was_for_the_list_it_was_made_for() {
    assertThat(PageCursor.decode(cursor.encode(LIST), LIST)).isEqualTo(cursor);
  }

  @Test
  void a_cursor_with_any_one_character_changed_is_refused() {
    String text = cursor.encode(LIST);
    for (int i = 0; i < text.length(); i++) {
      char changed = text.charAt(i) == 'A' ? 'B' : 'A';
      String edited = text.substring(0, i) + changed + text.substring(i + 1);

      assertThatThrownBy(() -> PageCursor.decode(edited, LIST))
          .as("changed at %d: %s", i, edited)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("cursor");
    }
  }

  @Test
  void a_cursor_of_another_list_is_refused() {
    String deferred = cursor.encode(LIST);

    assertThatThrownBy(() -> PageCursor.decode(deferred, "mail/failed/failed"))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> PageCursor.decode(deferred, "mail/deferred/asc"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void text_that_is_not_base64_or_has_the_wrong_length_is_refused() {
    assertThatThrownBy(() -> PageCursor.decode("garbage!", LIST))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> PageCursor.decode("AAAA", LIST))
        .isInstanceOf(InvalidRequestException.class);
  }
}
