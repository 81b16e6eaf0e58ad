package io.clamator.codegen;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Generated sources written to a folder and compiled with every lint warning an error, then loaded. */
final class Compiled implements AutoCloseable {

    private final URLClassLoader loader;

    private Compiled(URLClassLoader loader) {
        this.loader = loader;
    }

    static Compiled of(List<GeneratedSource> sources, Path folder) {
        Path sourceRoot = folder.resolve("src");
        Path classes = folder.resolve("classes");
        try {
            Files.createDirectories(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-proc:none", "-d", classes.toString(),
                "-classpath", System.getProperty("java.class.path")));
        for (GeneratedSource source : sources) {
            source.writeTo(sourceRoot);
            arguments.add(sourceRoot.resolve(source.relativePath()).toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = compiler.run(null, output, output, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError("the generated sources do not compile without warnings:\n" + output.toString(StandardCharsets.UTF_8));
        }
        try {
            return new Compiled(new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, Compiled.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Class<?> type(String binaryName) {
        try {
            return loader.loadClass(binaryName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("not generated: " + binaryName, e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
