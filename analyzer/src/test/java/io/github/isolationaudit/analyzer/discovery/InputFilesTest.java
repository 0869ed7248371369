package io.github.isolationaudit.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.isolationaudit.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads stop at the cap, whatever a header claims, and touch only regular files. */
class InputFilesTest {

  /** An endless stream of zeros, as an entry whose header lies about its size inflates. */
  private static InputStream endless() {
    return new InputStream() {
      long served;

      @Override
      public int read() {
        served++;
        return 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 0);
        served += len;
        return len;
      }
    };
  }

  @Test
  void anEndlessClassStreamIsRefusedAtTheCap() {
    InputStream bytes =
        new SequenceInputStream(
            new java.io.ByteArrayInputStream(
                new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe}),
            endless());
    assertThatThrownBy(() -> InputFiles.readClass(bytes))
        .isInstanceOfSatisfying(
            InputFiles.Refused.class,
            e -> {
              Problem p = e.problem("x.class");
              assertThat(p.kind()).isEqualTo(Problem.Kind.OVERSIZE_INPUT);
              assertThat(p.message()).contains("larger than 64 MiB");
            });
  }

  @Test
  void aStreamThatIsNoClassFileIsReadNoFurtherThanItsMagicNumber() throws Exception {
    InputStream zeros = endless();
    assertThat(InputFiles.readClass(zeros)).hasSize(4);
  }

  @Test
  void aClassFileOfExactlyTheCapIsRead() throws Exception {
    byte[] file = new byte[InputFiles.MAX_CLASS_FILE];
    file[0] = (byte) 0xca;
    file[1] = (byte) 0xfe;
    file[2] = (byte) 0xba;
    file[3] = (byte) 0xbe;
    assertThat(InputFiles.readClass(new java.io.ByteArrayInputStream(file)))
        .hasSize(InputFiles.MAX_CLASS_FILE);
  }

  @Test
  void aDirectoryIsNoFileToRead(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectories(dir.resolve("X.class"));
    assertThatThrownBy(() -> InputFiles.read(sub, 10))
        .isInstanceOfSatisfying(
            InputFiles.Refused.class,
            e -> assertThat(e.getMessage()).contains("not a regular file (a directory)"));
  }
}
