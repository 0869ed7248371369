package io.github.isolationaudit.analyzer.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.footprint.DatabaseStatements.SqlKind;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Evidence;
import io.github.isolationaudit.model.EvidenceStep;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.Reach;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.Scope;
import io.github.isolationaudit.model.Sensitivity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What SQL does by its first keyword, and which database a statement writes in a footprint. */
class DatabaseStatementsTest {

  private static final java.util.function.Predicate<String> NO_DRIVER = url -> false;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE TABLE items(id INT)|WRITE",
        "  insert into items values (1)|WRITE",
        "UPDATE items SET id = 2|WRITE",
        "DELETE FROM items|WRITE",
        "DROP TABLE items|WRITE",
        "ALTER TABLE items ADD name VARCHAR|WRITE",
        "MERGE INTO items KEY(id) VALUES (1)|WRITE",
        "TRUNCATE TABLE items|WRITE",
        "GRANT SELECT ON items TO bob|WRITE",
        "/* count */ (SELECT 1)|READ",
        "select * from items|READ",
        "VALUES 1|READ",
        "SHOW TABLES|READ",
        "EXPLAIN SELECT 1|READ",
        "CALL refresh()|UNKNOWN",
        "SET MODE MySQL|UNKNOWN",
        "INSERT INTO *|WRITE",
        "INS*|UNKNOWN",
        "*|UNKNOWN",
        "SELECTION|UNKNOWN",
      })
  void classifiesByTheFirstKeyword(String sql, SqlKind kind) {
    assertThat(DatabaseStatements.classify(sql)).isEqualTo(kind);
  }

  @Test
  void commentsBeforeTheKeywordAreSkipped() {
    assertThat(DatabaseStatements.classify("-- reset\n  DELETE FROM items"))
        .isEqualTo(SqlKind.WRITE);
    assertThat(DatabaseStatements.classify("-- only a comment")).isEqualTo(SqlKind.UNKNOWN);
  }

  @Test
  void sqlNotKnownIsUnknown() {
    assertThat(DatabaseStatements.classify(null)).isEqualTo(SqlKind.UNKNOWN);
    assertThat(DatabaseStatements.classify("   ")).isEqualTo(SqlKind.UNKNOWN);
  }

  @Test
  void aStatementWritesTheOneDatabaseItsTestOpens() {
    Access connection = connection("jdbc:h2:mem:shop", Confidence.HIGH);
    Access write = statement(DatabaseStatements.CONNECTED, AccessMode.WRITE, Confidence.HIGH);

    List<Access> bound = DatabaseStatements.bind(List.of(connection, write), NO_DRIVER);

    assertThat(bound).contains(connection).hasSize(2);
    Access written = bound.get(1);
    assertThat(written.key()).isEqualTo(Key.exact("jdbc:h2:mem:shop"));
    assertThat(written.mode()).isEqualTo(AccessMode.WRITE);
    assertThat(written.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(written.sensitivity()).isEqualTo(Sensitivity.HIGH);
    assertThat(written.reach()).isEqualTo(Reach.JVM);
    assertThat(written.evidence()).isSameAs(write.evidence());
  }

  @Test
  void aStatementIsAsUnsureAsItsConnection() {
    Access connection = connection("jdbc:h2:mem:shop", Confidence.LOW);
    Access write = statement(DatabaseStatements.CONNECTED, AccessMode.WRITE, Confidence.HIGH);

    Access written = DatabaseStatements.bind(List.of(connection, write), NO_DRIVER).get(1);

    assertThat(written.confidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void aStatementOnTheProjectsOwnDriverIsOnlyAPossibleWrite() {
    Access connection =
        new Access(
            ResourceKind.DATABASE,
            "",
            Key.exact("jdbc:fixtures:fake"),
            AccessMode.READ,
            Scope.SHARED,
            Reach.JVM,
            Confidence.HIGH,
            Sensitivity.LOW,
            "jdbc.driver-manager",
            "",
            evidence(10));
    Access write = statement(DatabaseStatements.CONNECTED, AccessMode.WRITE, Confidence.HIGH);

    Access written =
        DatabaseStatements.bind(List.of(connection, write), url -> url.startsWith("jdbc:fixtures:"))
            .get(1);

    assertThat(written.key()).isEqualTo(Key.exact("jdbc:fixtures:fake"));
    assertThat(written.confidence()).isEqualTo(Confidence.LOW);
  }

  @Test
  void aStatementOfATestThatOpensTwoDatabasesMayWriteEither() {
    Access shop = connection("jdbc:h2:mem:shop", Confidence.HIGH);
    Access archive = connection("jdbc:h2:mem:archive", Confidence.HIGH);
    Access write = statement(DatabaseStatements.CONNECTED, AccessMode.WRITE, Confidence.HIGH);

    List<Access> bound = DatabaseStatements.bind(List.of(shop, archive, write), NO_DRIVER);

    assertThat(bound.subList(2, bound.size()))
        .extracting(a -> a.key().value(), Access::mode, Access::confidence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "jdbc:h2:mem:shop", AccessMode.WRITE, Confidence.LOW),
            org.assertj.core.groups.Tuple.tuple(
                "jdbc:h2:mem:archive", AccessMode.WRITE, Confidence.LOW));
  }

  @Test
  void aStatementWithoutADatabaseTheTestNamesWritesAnUnknownOnePossibly() {
    Access write = statement(DatabaseStatements.CONNECTED, AccessMode.WRITE, Confidence.HIGH);
    Access read = statement(DatabaseStatements.CONNECTED, AccessMode.READ, Confidence.HIGH);

    List<Access> bound = DatabaseStatements.bind(List.of(write, read), NO_DRIVER);

    assertThat(bound).hasSize(1);
    assertThat(bound.get(0).key()).isEqualTo(Key.unknown());
    assertThat(bound.get(0).confidence()).isEqualTo(Confidence.LOW);
    assertThat(bound).noneMatch(DatabaseStatements::unbound);
  }

  @Test
  void aQueryReadsTheDatabaseAndTwoWritesOfOneDatabaseAreOneAccess() {
    Access connection = connection("jdbc:h2:mem:shop", Confidence.HIGH);
    Access sure = statement(DatabaseStatements.CONNECTED, AccessMode.WRITE, Confidence.HIGH);
    Access unsure =
        statement(DatabaseStatements.CONNECTED_UNKNOWN_SQL, AccessMode.WRITE, Confidence.LOW);
    Access query = statement(DatabaseStatements.CONNECTED, AccessMode.READ, Confidence.HIGH);

    List<Access> bound =
        DatabaseStatements.bind(List.of(connection, unsure, sure, query), NO_DRIVER);

    assertThat(bound)
        .extracting(Access::sinkId, Access::mode, Access::confidence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "jdbc.driver-manager", AccessMode.READ, Confidence.HIGH),
            org.assertj.core.groups.Tuple.tuple(
                "jdbc.statement-write", AccessMode.WRITE, Confidence.HIGH),
            org.assertj.core.groups.Tuple.tuple(
                "jdbc.statement-write", AccessMode.READ, Confidence.HIGH));
  }

  @Test
  void aFootprintWithoutStatementsIsLeftAsItIs() {
    List<Access> accesses = List.of(connection("jdbc:h2:mem:shop", Confidence.HIGH));
    assertThat(DatabaseStatements.bind(accesses, NO_DRIVER)).isSameAs(accesses);
  }

  private static Access connection(String url, Confidence confidence) {
    return new Access(
        ResourceKind.DATABASE,
        "",
        Key.exact(url),
        AccessMode.READ,
        Scope.SHARED,
        Reach.JVM,
        confidence,
        Sensitivity.LOW,
        "jdbc.driver-manager",
        "",
        evidence(10));
  }

  private static Access statement(Key key, AccessMode mode, Confidence confidence) {
    return new Access(
        ResourceKind.DATABASE,
        "",
        key,
        mode,
        Scope.SHARED,
        Reach.EXTERNAL,
        confidence,
        Sensitivity.HIGH,
        "jdbc.statement-write",
        "",
        evidence(20));
  }

  private static Evidence evidence(int line) {
    return new Evidence(
        new EvidenceStep("com.example.ShopTest", "test", "ShopTest.java", line), null);
  }
}
