package com.promptforge.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.cli.PromptForgeCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    @Test
    void supabaseUriBecomesJdbcUrlWithSeparateCredentials() {
        DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL",
                "postgresql://postgres:s%40cret@db.abc.supabase.co:6543/postgres?sslmode=require", null, null);

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.abc.supabase.co:6543/postgres?sslmode=require");
        assertThat(target.user()).isEqualTo("postgres");
        assertThat(target.password()).isEqualTo("s@cret");
    }

    @Test
    void aPlusInTheUriIsAPlusAndPercentEscapesAreDecodedAsUtf8() {
        DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL",
                "postgresql://b%C3%A4tch:a+b%2Bc%20d@h/pf?sslmode=require", null, null);

        assertThat(target.user()).isEqualTo("b\u00e4tch");
        assertThat(target.password()).isEqualTo("a+b+c d");
    }

    @Test
    void reservedCharactersOfTheDatabaseNameAreEncodedForTheDriver() {
        DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL",
                "postgresql://u:p@h/pf%3Fssl%3Dfalse%26x%2By?sslmode=require", null, null);

        assertThat(target.database()).isEqualTo("pf?ssl=false&x+y");
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/pf%3Fssl%3Dfalse%26x%2By?sslmode=require");
    }

    @Test
    void aPasswordThatIsNotUtf8OnceDecodedIsOneLineThatDoesNotEchoIt() {
        assertThatThrownBy(() -> DatabaseTarget.parse("PF_DB_URL", "postgresql://u:top%FFsecret@h/db", null, null))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("PF_DB_URL: the password is not UTF-8 once percent-decoded");
    }

    @Test
    void jdbcUrlTakesCredentialsFromTheSettingsWhenItHasNone() {
        DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL", "jdbc:postgresql://localhost/pf", "batch", "pw");

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/pf");
        assertThat(target.user()).isEqualTo("batch");
        assertThat(target.password()).isEqualTo("pw");
    }

    @Test
    void credentialsInTheQueryAreMovedOutOfTheUrl() {
        DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL",
                "jdbc:postgresql://h:5433/pf?user=u&password=p&sslmode=require", null, null);

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/pf?sslmode=require");
        assertThat(target.user()).isEqualTo("u");
        assertThat(target.password()).isEqualTo("p");
    }

    @Test
    void descriptionNeverContainsThePassword() {
        DatabaseTarget target = DatabaseTarget.parse("PF_DB_URL", "postgresql://u:topsecret@h/db", null, null);

        assertThat(target.describe()).doesNotContain("topsecret").contains("h:5432");
        assertThat(target.toString()).doesNotContain("topsecret");
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedNamingTheSettingWithoutEchoingIt() {
        assertThatThrownBy(() -> DatabaseTarget.parse("PF_DB_URL", "mysql://u:topsecret@h/db", null, null))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("PF_DB_URL")
                .hasMessageContaining("expected jdbc:postgresql://")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void anUnreachableServerIsOneLineNamingTheSettingAndHostAndExitThree() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new PromptForgeCli(System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("pf.db.url", "postgresql://u:topsecret@127.0.0.1:1/pf")).run("migrate");

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(3);
        assertThat(message.lines()).hasSize(1);
        assertThat(message).contains("PF_DB_URL").contains("127.0.0.1:1").doesNotContain("topsecret");
    }
}
