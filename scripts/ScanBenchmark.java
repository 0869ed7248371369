import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.analyzer.bytecode.ClassFileParser;
import io.github.isolationaudit.rules.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Three measurements, compiled and run by benchmark.sh against the CLI jar:
 *
 * <ul>
 *   <li>{@code bare JAR...}: the baseline a whole run is compared with, as its own cold process: read
 *       every class file of the jars and hand it to ASM with an empty visitor (code included), on
 *       all cores as the scan reads. Prints classes and milliseconds.
 *   <li>{@code phases JAR...}: a cold in-process scan, then the JSON report written to a file, timed
 *       apart, so the analysis shows apart from the JSON writing. Prints scan ms, JSON ms, bytes.
 *   <li>{@code JAR [ROUNDS]}: in one warm JVM and on the same bytes, the bare read against our
 *       bytecode parsing (one thread each), alternating; then an in-process scan. Prints classes,
 *       bare ms, parse ms, ratio, scan ms, peak heap MB.
 * </ul>
 */
public class ScanBenchmark {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("bare")) {
      bare(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args[0].equals("phases")) {
      phases(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Path jar = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<byte[]> classes = read(jar);
    ClassFileParser parser = new ClassFileParser(Catalog.builtIn());
    // Returning a visitor for every method makes ASM parse the code too, as any analysis must.
    ClassVisitor empty = new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {};
      }
    };
    long[] bare = new long[rounds];
    long[] analysis = new long[rounds];
    for (int i = -2; i < rounds; i++) { // two warm-up rounds
      long t0 = System.nanoTime();
      for (byte[] b : classes) {
        try {
          new ClassReader(b).accept(empty, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
          // unreadable: costs nothing more
        }
      }
      long t1 = System.nanoTime();
      for (byte[] b : classes) {
        try {
          parser.parse(b, false, "");
        } catch (ClassFileParser.UnreadableClassException | RuntimeException e) {
          // unreadable: costs nothing more
        }
      }
      long t2 = System.nanoTime();
      if (i >= 0) {
        bare[i] = t1 - t0;
        analysis[i] = t2 - t1;
      }
    }
    long s0 = System.nanoTime();
    IsolationAudit.scan(ScanOptions.of(jar));
    long scan = System.nanoTime() - s0;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    double b = median(bare) / 1e6;
    double a = median(analysis) / 1e6;
    System.out.printf("%d %.1f %.1f %.2f %.1f %d%n", classes.size(), b, a, a / b, scan / 1e6, peak >> 20);
  }

  private static final ClassVisitor EMPTY =
      new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(
            int access, String name, String desc, String signature, String[] exceptions) {
          return new MethodVisitor(Opcodes.ASM9) {};
        }
      };

  private static void bare(String[] jars) throws IOException {
    long t0 = System.nanoTime();
    List<byte[]> classes = new ArrayList<>();
    for (String jar : jars) {
      classes.addAll(read(Path.of(jar)));
    }
    long read = classes.parallelStream()
        .filter(b -> {
          try {
            new ClassReader(b).accept(EMPTY, ClassReader.SKIP_FRAMES);
            return true;
          } catch (RuntimeException e) {
            return false;
          }
        })
        .count();
    System.out.printf("%d %.1f%n", read, (System.nanoTime() - t0) / 1e6);
  }

  private static void phases(String[] jars) throws IOException {
    List<Path> inputs = new ArrayList<>();
    for (String jar : jars) {
      inputs.add(Path.of(jar));
    }
    long t0 = System.nanoTime();
    io.github.isolationaudit.model.ScanResult result =
        IsolationAudit.scan(ScanOptions.of(inputs.toArray(new Path[0])));
    long t1 = System.nanoTime();
    Path out = java.nio.file.Files.createTempFile("phases", ".json");
    try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(out)) {
      new io.github.isolationaudit.reports.JsonReportRenderer().render(result, w);
    }
    long t2 = System.nanoTime();
    long size = java.nio.file.Files.size(out);
    java.nio.file.Files.delete(out);
    System.out.printf("%.1f %.1f %d%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, size);
  }

  private static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private static List<byte[]> read(Path jar) throws IOException {
    List<byte[]> result = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
          try (InputStream in = zip.getInputStream(e)) {
            result.add(in.readAllBytes());
          }
        }
      }
    }
    return result;
  }
}
