import { graphlib, layout } from '@dagrejs/dagre';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from './logic.ts';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode extends WorkflowNode {
  /** Centre of the node. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends WorkflowEdge {
  points: Point[];
  labelAt?: Point;
}

export interface WorkflowLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 40;

/** Top-to-bottom layered layout (dagre), the usual reading direction of a process chart. */
export const layoutWorkflow = (graph: WorkflowGraph): WorkflowLayout => {
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  graph.edges.forEach((edge, index) => {
    g.setEdge(
      edge.from,
      edge.to,
      edge.label ? { label: edge.label, width: edge.label.length * 7 + 8, height: 14 } : {},
      String(index),
    );
  });
  layout(g);
  const nodes = graph.nodes.map((node) => {
    const placed = g.node(node.id);
    return { ...node, x: placed.x, y: placed.y, width: NODE_WIDTH, height: NODE_HEIGHT };
  });
  const edges = graph.edges.map((edge, index) => {
    const placed = g.edge({ v: edge.from, w: edge.to, name: String(index) });
    const labelAt =
      edge.label && placed.x !== undefined && placed.y !== undefined
        ? { x: placed.x, y: placed.y }
        : undefined;
    return { ...edge, points: placed.points ?? [], ...(labelAt ? { labelAt } : {}) };
  });
  const size = g.graph();
  return { nodes, edges, width: size.width ?? 0, height: size.height ?? 0 };
};
