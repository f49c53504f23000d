package dev.middleman.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.middleman.core.SettableClock;
import dev.middleman.core.model.Throttle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final SettableClock clock = new SettableClock(1_000_000);

  @Test
  void starts_full_with_the_burst_size() {
    TokenBucket bucket = new TokenBucket(new Throttle(5, 3), clock);

    assertThat(bucket.available()).isEqualTo(3);
  }

  @Test
  void refills_at_the_configured_rate() {
    TokenBucket bucket = new TokenBucket(new Throttle(5, 3), clock);
    bucket.take(3);

    clock.advance(Duration.ofMillis(199));
    assertThat(bucket.available()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(bucket.available()).isEqualTo(1);
  }

  @Test
  void never_saves_more_than_the_burst_size() {
    TokenBucket bucket = new TokenBucket(new Throttle(5, 3), clock);

    clock.advance(Duration.ofHours(1));

    assertThat(bucket.available()).isEqualTo(3);
  }

  @Test
  void says_how_long_until_the_next_token() {
    TokenBucket bucket = new TokenBucket(new Throttle(4, 1), clock);
    bucket.take(1);

    assertThat(bucket.millisUntilNextToken()).isEqualTo(250);
    clock.advance(Duration.ofMillis(100));
    assertThat(bucket.millisUntilNextToken()).isEqualTo(150);
  }

  @Test
  void supports_rates_below_one_per_second() {
    TokenBucket bucket = new TokenBucket(new Throttle(0.5, 1), clock);
    bucket.take(1);

    clock.advance(Duration.ofMillis(1999));
    assertThat(bucket.available()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(bucket.available()).isEqualTo(1);
  }
}
