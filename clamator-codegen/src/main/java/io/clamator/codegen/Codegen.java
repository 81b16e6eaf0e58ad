package io.clamator.codegen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-line tool ({@code java -cp ... io.clamator.codegen.Codegen <command> ...}); exit
 * status 0 when done, 1 when a check finds drift, 2 for an error.
 *
 * <pre>
 * lower          --contracts DIR --out FILE                  Zod contracts to a description (needs Node)
 * generate       --description FILE --package P --out DIR    a description to Java sources
 *                [--calls blocking|blocking-and-future|future]
 * check          --description FILE [--contracts DIR]        the description follows from the Zod sources (needs Node),
 *                [--generated DIR --package P [--calls ...]] and the committed Java from the description
 * check-manifest --description FILE --manifest FILE          the hashes match an upstream @clamator/codegen manifest
 * describe       --classes A,B --out FILE [--zod DIR]        Java contract interfaces (on the class path) to a description,
 *                                                            and to one Zod contract file each
 * </pre>
 */
public final class Codegen {

    private static final String USAGE = """
            usage: clamator-codegen <command> [options]
              lower          --contracts DIR --out FILE
              generate       --description FILE --package P --out DIR [--calls blocking|blocking-and-future|future]
              check          --description FILE [--contracts DIR] [--generated DIR --package P [--calls ...]]
              check-manifest --description FILE --manifest FILE
              describe       --classes A,B --out FILE [--zod DIR]
            """;
    private static final Set<String> FLAGS = Set.of("--contracts", "--out", "--description", "--package", "--calls", "--generated",
            "--manifest", "--classes", "--zod");

    private Codegen() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Map<String, String> options = options(args);
            return switch (args[0]) {
                case "lower" -> lower(options, out);
                case "generate" -> generate(options, out);
                case "check" -> check(options, out, err);
                case "check-manifest" -> checkManifest(options, out, err);
                case "describe" -> describe(options, out);
                default -> throw new IllegalArgumentException("unknown command \"" + args[0] + "\"");
            };
        } catch (IllegalArgumentException e) {
            err.println("clamator-codegen: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("clamator-codegen: " + e.getMessage());
            return 2;
        }
    }

    private static int lower(Map<String, String> options, PrintStream out) {
        ContractsDescription description = ZodLowering.withNodeFromEnvironment().lower(path(options, "--contracts"));
        Path file = path(options, "--out");
        write(file, description.toJson());
        out.println("clamator-codegen: " + description.contracts().size() + " contract(s) lowered to " + file);
        return 0;
    }

    private static int generate(Map<String, String> options, PrintStream out) {
        List<GeneratedSource> sources = new JavaGenerator(generatorOptions(options))
                .generate(ContractsDescription.read(path(options, "--description")));
        Path root = path(options, "--out");
        String packageName = options.get("--package");
        GenerationRecord.Outcome outcome = new GenerationRecord(root.resolve(".clamator-codegen-" + packageName + ".files"))
                .apply(root, sources);
        out.println("clamator-codegen: " + sources.size() + " contract interface(s) in " + root + ", " + outcome.written()
                + " written, " + outcome.deleted() + " deleted");
        return 0;
    }

    private static int check(Map<String, String> options, PrintStream out, PrintStream err) {
        ContractsDescription committed = ContractsDescription.read(path(options, "--description"));
        if (!options.containsKey("--contracts") && !options.containsKey("--generated")) {
            throw new IllegalArgumentException("check needs --contracts, --generated or both");
        }
        List<String> drift = new ArrayList<>();
        if (options.containsKey("--contracts")) {
            drift.addAll(DriftCheck.descriptionDrift(committed, ZodLowering.withNodeFromEnvironment().lower(path(options, "--contracts"))));
        }
        if (options.containsKey("--generated")) {
            List<GeneratedSource> expected = new JavaGenerator(generatorOptions(options)).generate(committed);
            drift.addAll(DriftCheck.generatedDrift(expected, path(options, "--generated")));
        }
        return report(drift, "the committed description and Java follow from their sources", out, err);
    }

    private static int checkManifest(Map<String, String> options, PrintStream out, PrintStream err) {
        List<String> drift = UpstreamManifest.read(path(options, "--manifest"))
                .differencesFrom(ContractsDescription.read(path(options, "--description")));
        return report(drift, "the description's hashes match the manifest", out, err);
    }

    private static int describe(Map<String, String> options, PrintStream out) {
        List<Class<?>> contracts = new ArrayList<>();
        for (String name : required(options, "--classes").split(",")) {
            try {
                contracts.add(Class.forName(name.strip()));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("no class " + name.strip() + " on the class path");
            }
        }
        ContractsDescription description = JavaContracts.describe(contracts);
        write(path(options, "--out"), description.toJson());
        if (options.containsKey("--zod")) {
            for (ContractsDescription.Contract contract : description.contracts()) {
                write(path(options, "--zod").resolve(contract.service() + ".ts"), ZodWriter.write(contract));
            }
        }
        out.println("clamator-codegen: " + contracts.size() + " Java contract(s) described in " + options.get("--out")
                + (options.containsKey("--zod") ? ", as Zod in " + options.get("--zod") : ""));
        return 0;
    }

    private static int report(List<String> drift, String fine, PrintStream out, PrintStream err) {
        if (drift.isEmpty()) {
            out.println("clamator-codegen: " + fine);
            return 0;
        }
        err.println("clamator-codegen: drift found:");
        drift.forEach(line -> err.println("  " + line));
        return 1;
    }

    private static GeneratorOptions generatorOptions(Map<String, String> options) {
        return new GeneratorOptions(required(options, "--package"), GeneratorOptions.Calls.parse(options.getOrDefault("--calls", "blocking")));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!FLAGS.contains(args[i]) || i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(FLAGS.contains(args[i]) ? args[i] + " needs a value" : "unexpected \"" + args[i] + "\"");
            }
            if (options.put(args[i], args[++i]) != null) {
                throw new IllegalArgumentException(args[i - 1] + " is given twice");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String flag) {
        String value = options.get(flag);
        if (value == null) {
            throw new IllegalArgumentException(flag + " is required");
        }
        return value;
    }

    private static Path path(Map<String, String> options, String flag) {
        return Path.of(required(options, flag));
    }

    private static void write(Path file, String text) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
