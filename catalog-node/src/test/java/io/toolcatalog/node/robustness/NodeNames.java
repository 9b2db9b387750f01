package io.toolcatalog.node.robustness;

/** Node ids of a run: {@code n1}, {@code n2}, … */
final class NodeNames {

    private NodeNames() {}

    static String id(int index) {
        return "n" + (index + 1);
    }
}
