package dev.notify.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The root README's code: every {@code java} snippet compiles as written against the build's own
 * class path, and its application {@code pom.xml} names this build's artifacts and versions.
 *
 * <p>A snippet is either a complete source file (package, imports, one or more types) or imports
 * followed by statements, which are compiled as the body of a method.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@DisplayName("The README's code")
class ReadmeTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern TYPE = Pattern.compile(
            "^(public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(final\\s+|abstract\\s+|sealed\\s+)*(class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    /** A fenced block of the README: its language, the README line of its first code line, its text. */
    record Snippet(String language, int line, String text) {
    }

    /** A snippet as a source file: where it goes, its text, and how its lines map to the README. */
    record Source(Path path, String text, Snippet snippet, int wrapperLine, int wrapperLines) {
        int readmeLine(long sourceLine) {
            long line = sourceLine > wrapperLine ? sourceLine - wrapperLines : sourceLine;
            return snippet.line() + (int) line - 1;
        }
    }

    static List<Snippet> snippets(String language) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<Snippet> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```" + language)) {
                int start = i + 1;
                StringBuilder text = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                found.add(new Snippet(language, start + 1, text.toString()));
            }
        }
        return found;
    }

    @Test
    @DisplayName("every java snippet compiles as written, imports included")
    void javaSnippetsCompile(@TempDir Path work) throws IOException {
        List<Snippet> snippets = snippets("java");
        assertThat(snippets).as("java snippets in README.md").hasSizeGreaterThanOrEqualTo(8);
        List<Source> sources = new ArrayList<>();
        for (Snippet snippet : snippets) {
            sources.add(source(work.resolve("src"), snippet));
        }
        for (Source source : sources) {
            assertThat(source.path()).as("two snippets declare the same type").doesNotExist();
            Files.createDirectories(source.path().getParent());
            Files.writeString(source.path(), source.text());
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> options = List.of("-d", classes.toString(), "-proc:none", "-classpath", System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources.stream().map(Source::path).toList())).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    Source source = sources.stream().filter(s -> d.getSource() != null
                            && Path.of(d.getSource().toUri()).equals(s.path().toAbsolutePath())).findFirst().orElseThrow();
                    errors.add("README.md line " + source.readmeLine(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT));
                }
            }
            assertThat(errors).as("compiling the README's java snippets").isEmpty();
            assertThat(compiled).isTrue();
        }
    }

    /** The snippet as a file: complete files keep their package and type name; statements get a method around them. */
    private static Source source(Path root, Snippet snippet) {
        String text = snippet.text();
        Matcher pkg = PACKAGE.matcher(text);
        Path dir = pkg.find() ? root.resolve(pkg.group(1).replace('.', File.separatorChar)) : root;
        if (TYPE.matcher(text).find()) {
            Matcher publicType = PUBLIC_TYPE.matcher(text);
            String name = publicType.find() ? publicType.group(3) : "ReadmeSnippetAtLine" + snippet.line();
            return new Source(dir.resolve(name + ".java"), text, snippet, Integer.MAX_VALUE, 0);
        }
        List<String> lines = text.lines().toList();
        int header = 0;
        while (header < lines.size() && (lines.get(header).isBlank() || lines.get(header).startsWith("import ")
                || lines.get(header).startsWith("package "))) {
            header++;
        }
        String name = "ReadmeSnippetAtLine" + snippet.line();
        String wrapped = String.join("\n", lines.subList(0, header))
                + "\nclass " + name + " {\n    void snippet() throws Exception {\n"
                + String.join("\n", lines.subList(header, lines.size()))
                + "\n    }\n}\n";
        return new Source(dir.resolve(name + ".java"), wrapped, snippet, header + 1, 2);
    }

    @Test
    @DisplayName("the application pom.xml is complete and names this build's artifacts and versions")
    void applicationPom() throws Exception {
        List<Snippet> poms = snippets("xml").stream().filter(s -> s.text().contains("<project")).toList();
        assertThat(poms).as("README snippets with a whole pom.xml").hasSize(1);
        Element app = parse(poms.get(0).text());
        Element build = parse(Files.readString(ROOT.resolve("pom.xml")));
        // the parent's versions, and those the parent inherits from notify-bom (Netty, slf4j)
        Map<String, String> buildProperties = new HashMap<>(properties(parse(Files.readString(ROOT.resolve("notify-bom/pom.xml")))));
        buildProperties.putAll(properties(build));
        Map<String, String> appProperties = properties(app);

        assertThat(child(app, "modelVersion")).isEqualTo("4.0.0");
        assertThat(appProperties).containsEntry("maven.compiler.release", buildProperties.get("maven.compiler.release"));

        Map<String, String[]> dependencies = new HashMap<>(); // artifactId -> {groupId, version, scope}
        for (Element dependency : elements(app, "dependency")) {
            if (dependency.getParentNode().getParentNode().getNodeName().equals("dependencyManagement")) {
                assertThat(new String[] {child(dependency, "artifactId"), child(dependency, "version")})
                        .as("the imported BOM").containsExactly("netty-bom", buildProperties.get("netty.version"));
                continue;
            }
            String version = child(dependency, "version");
            if (version.startsWith("${")) {
                version = appProperties.get(version.substring(2, version.length() - 1));
            }
            String scope = child(dependency, "scope");
            dependencies.put(child(dependency, "artifactId"),
                    new String[] {child(dependency, "groupId"), version, scope.isEmpty() ? "compile" : scope});
        }
        String notifyVersion = child(parse(Files.readString(ROOT.resolve("notify-bom/pom.xml"))), "version"); // the top of the build
        assertDependency(dependencies, "notify-netty-server", "dev.notify", notifyVersion, "compile");
        assertDependency(dependencies, "notify-redis", "dev.notify", notifyVersion, "compile");
        assertDependency(dependencies, "notify-inmemory", "dev.notify", notifyVersion, "test");
        assertDependency(dependencies, "slf4j-simple", "org.slf4j", buildProperties.get("slf4j.version"), "runtime");
        assertDependency(dependencies, "junit-jupiter", "org.junit.jupiter", buildProperties.get("junit.version"), "test");
        assertDependency(dependencies, "assertj-core", "org.assertj", buildProperties.get("assertj.version"), "test");
        for (Map.Entry<String, String[]> dependency : dependencies.entrySet()) {
            if (dependency.getValue()[0].equals("dev.notify")) {
                assertThat(ROOT.resolve(dependency.getKey()).resolve("pom.xml")).as("a module of this build").exists();
            }
        }

        Map<String, String> plugins = new HashMap<>();
        for (Element plugin : elements(app, "plugin")) {
            plugins.put(child(plugin, "artifactId"), child(plugin, "version"));
        }
        assertThat(plugins).containsEntry("maven-compiler-plugin", buildProperties.get("compiler-plugin.version"))
                .containsEntry("maven-surefire-plugin", buildProperties.get("surefire.version"))
                .containsEntry("exec-maven-plugin", buildProperties.get("exec-plugin.version"));
    }

    private static void assertDependency(Map<String, String[]> dependencies, String artifactId, String groupId, String version,
            String scope) {
        assertThat(dependencies).as("dependencies").containsKey(artifactId);
        assertThat(dependencies.get(artifactId)).as(artifactId + ": groupId, version, scope").containsExactly(groupId, version, scope);
    }

    private static Element parse(String xml) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        return document.getDocumentElement();
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new HashMap<>();
        for (Element element : elements(project, "properties")) {
            if (element.getParentNode() == project) {
                NodeList children = element.getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                        properties.put(children.item(i).getNodeName(), children.item(i).getTextContent().strip());
                    }
                }
            }
        }
        return properties;
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The text of a direct child element, or "" if there is none. */
    private static String child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeName().equals(name)) {
                return children.item(i).getTextContent().strip();
            }
        }
        return "";
    }
}
