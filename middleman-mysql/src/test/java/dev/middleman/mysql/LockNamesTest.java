package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LockNamesTest {

  private static final String LONGEST = "q".repeat(63);

  @Test
  void a_short_lower_case_queue_name_is_readable_in_its_lock_name() {
    assertThat(LockNames.queue("mail-1.x_y")).isEqualTo("middleman.q.mail-1.x_y");
    assertThat(LockNames.handover("mail-1.x_y")).isEqualTo("middleman.h.mail-1.x_y");
  }

  @Test
  void every_lock_name_of_a_64_character_queue_fits_mysqls_limit() {
    assertThat(LockNames.queue(LONGEST + "a")).hasSize(LockNames.MAX_LENGTH);
    assertThat(LockNames.handover(LONGEST + "a")).hasSize(LockNames.MAX_LENGTH);
  }

  @Test
  void queues_that_differ_only_past_the_cut_or_in_case_get_different_lock_names() {
    List<String> names = Stream.of(LONGEST + "a", LONGEST + "b", LONGEST + "A", "Mail", "mail")
        .map(LockNames::queue)
        .toList();

    assertThat(names).doesNotHaveDuplicates();
    assertThat(names.stream().map(String::toLowerCase)).doesNotHaveDuplicates();
  }

  @Test
  void the_queue_lock_and_the_handover_lock_of_a_queue_differ() {
    assertThat(LockNames.queue(LONGEST + "a")).isNotEqualTo(LockNames.handover(LONGEST + "a"));
  }
}
