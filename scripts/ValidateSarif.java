import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates SARIF files against the official SARIF 2.1.0 JSON Schema (draft-04) with the same
 * library the tests use. Run by scripts/validate-sarif.sh: java -cp CP ValidateSarif.java SCHEMA
 * FILE...; exit 1 when a file does not conform.
 */
public class ValidateSarif {
  public static void main(String[] args) throws Exception {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(Files.readString(Path.of(args[0])), InputFormat.JSON);
    int bad = 0;
    for (int i = 1; i < args.length; i++) {
      List<Error> errors = schema.validate(Files.readString(Path.of(args[i])), InputFormat.JSON);
      System.out.println(
          args[i] + ": " + (errors.isEmpty() ? "valid SARIF 2.1.0" : errors.size() + " errors"));
      errors.stream().limit(20).forEach(e -> System.out.println("  " + e));
      bad += errors.isEmpty() ? 0 : 1;
    }
    System.exit(bad == 0 ? 0 : 1);
  }
}
