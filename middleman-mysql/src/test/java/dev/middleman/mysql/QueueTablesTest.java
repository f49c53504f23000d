package dev.middleman.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.middleman.core.InvalidRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueTablesTest {

  @Test
  void a_short_lower_case_name_is_used_as_it_is() {
    QueueTables tables = QueueTables.of("mail.send-v2_x");

    assertThat(tables.jobs().last()).isEqualTo("mm_j_mail.send-v2_x");
    assertThat(tables.failures().last()).isEqualTo("mm_f_mail.send-v2_x");
  }

  @Test
  void every_valid_name_maps_to_identifiers_of_at_most_64_characters() {
    for (String name : List.of("a".repeat(59), "a".repeat(60), "Z".repeat(64), "x", "Mixed")) {
      QueueTables tables = QueueTables.of(name);
      assertThat(tables.jobs().last()).hasSizeLessThanOrEqualTo(64);
      assertThat(tables.failures().last()).hasSizeLessThanOrEqualTo(64);
    }
  }

  @Test
  void names_that_differ_only_in_case_or_past_the_kept_prefix_get_different_tables() {
    String longName = "q".repeat(63);
    List<String> names = List.of("queue", "Queue", "QUEUE", longName + "a", longName + "b");
    Set<String> tables = new HashSet<>();
    for (String name : names) {
      tables.add(QueueTables.of(name).jobs().last());
      tables.add(QueueTables.of(name).failures().last());
    }

    assertThat(tables).hasSize(2 * names.size());
  }

  @Test
  void the_mapping_is_deterministic() {
    assertThat(QueueTables.of("Q".repeat(64))).isEqualTo(QueueTables.of("Q".repeat(64)));
  }

  @Test
  void an_invalid_name_is_refused_before_any_table_name_is_made() {
    for (String name : List.of("", "a;DROP TABLE x", "a".repeat(65), "caf\u00e9", "a`b", "a b")) {
      assertThatThrownBy(() -> QueueTables.of(name)).isInstanceOf(InvalidRequestException.class);
    }
  }
}
