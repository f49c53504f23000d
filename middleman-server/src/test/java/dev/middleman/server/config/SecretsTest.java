package dev.middleman.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void hides_a_login_password_even_when_it_holds_at_signs_and_colons() {
    assertThat(Secrets.maskDsnText("app:p@ss:w@rd@tcp(db:3306)/jobs"))
        .isEqualTo("app:***@tcp(db:3306)/jobs");
    assertThat(Secrets.maskDsnText("jdbc:mysql://app:s3cret@db/jobs"))
        .isEqualTo("jdbc:mysql://app:***@db/jobs");
  }

  @Test
  void hides_a_password_parameter() {
    assertThat(Secrets.maskDsnText("jdbc:mysql://db/jobs?user=app&Password=s3cret&ssl=true"))
        .isEqualTo("jdbc:mysql://db/jobs?user=app&Password=***&ssl=true");
  }

  @Test
  void leaves_text_without_a_password_alone() {
    assertThat(Secrets.maskDsnText("app@tcp(db:3306)/jobs")).isEqualTo("app@tcp(db:3306)/jobs");
  }
}
