package io.clamator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.sample.docs.RepositoryRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** clamator-bom lists every published module, at the build's version, and pins nothing else. */
class BomTests {

    private static final Path ROOT = RepositoryRoot.find();

    /** Modules of the build that are not published. */
    private static final List<String> UNPUBLISHED = List.of("clamator-bom", "benchmarks", "interop", "sample-app");

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersionAndNothingElse() throws Exception {
        Document root = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(ROOT.resolve("clamator-bom/pom.xml"));
        List<String> published = new ArrayList<>(texts(root.getDocumentElement(), "modules", "module"));
        published.removeAll(UNPUBLISHED);
        assertThat(directChildText(bom.getDocumentElement(), "version")).isEqualTo(directChildText(root.getDocumentElement(), "version"));
        assertThat(bom.getElementsByTagName("parent").getLength()).as("no parent: it must not import Spring Boot's versions").isZero();
        Element managed = (Element) bom.getElementsByTagName("dependencyManagement").item(0);
        List<String> artifacts = new ArrayList<>();
        NodeList dependencies = managed.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(directChildText(dependency, "groupId")).isEqualTo("io.clamator");
            assertThat(directChildText(dependency, "version")).isEqualTo("${project.version}");
            artifacts.add(directChildText(dependency, "artifactId"));
        }
        assertThat(artifacts).containsExactlyInAnyOrderElementsOf(published);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(Element parent, String container, String child) {
        List<String> values = new ArrayList<>();
        NodeList nodes = ((Element) parent.getElementsByTagName(container).item(0)).getElementsByTagName(child);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    private static String directChildText(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
