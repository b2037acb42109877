// The properties of the package's TypeScript declarations as the docs show them, read with the
// TypeScript compiler API: name, optional or not, the type written out (pulumi.Input<>/Output<>
// unwrapped, aliases and interfaces expanded, `Duration` kept by name), and the doc comment.
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "./markdown";

/** Type names the docs keep by name (each page that uses one defines it). */
export const NAMED_TYPES = new Set(["Duration"]);

export interface PropertyDoc {
  name: string;
  optional: boolean;
  /** The type as the docs write it, e.g. `"per-disk" | "batch"`, `{ diskId: string; snapshotId: string }[]`. */
  type: string;
  /** The doc comment, whitespace collapsed; "" when none. */
  doc: string;
}

let program: ts.Program | undefined;
function checker(): { program: ts.Program; checker: ts.TypeChecker } {
  program ??= ts.createProgram([path.join(ROOT, "provider", "index.ts"), path.join(ROOT, "emulator", "index.ts")], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  return { program, checker: program.getTypeChecker() };
}

function sourceFile(file: string): ts.SourceFile {
  const sf = checker().program.getSourceFile(path.join(ROOT, file));
  if (!sf) throw new Error(`${file} is not part of the package's program (provider/index.ts, emulator/index.ts)`);
  return sf;
}

function docOf(node: ts.Node): string {
  const comments = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  return comments
    .map((c) => ts.getTextOfJSDocComment(c.comment) ?? "")
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

function declarationOf(name: ts.EntityName): ts.Declaration | undefined {
  const c = checker().checker;
  let symbol = c.getSymbolAtLocation(name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = c.getAliasedSymbol(symbol);
  return symbol?.declarations?.[0];
}

function members(list: readonly ts.TypeElement[]): string {
  const parts = list.filter(ts.isPropertySignature).map((m) => `${m.name.getText()}${m.questionToken ? "?" : ""}: ${render(m.type!)}`);
  return `{ ${parts.join("; ")} }`;
}

/** A type node written out as the docs show it. */
export function render(node: ts.TypeNode): string {
  if (ts.isParenthesizedTypeNode(node)) return render(node.type);
  if (ts.isUnionTypeNode(node)) {
    const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword).map(render);
    return parts.join(" | ");
  }
  if (ts.isArrayTypeNode(node)) {
    const inner = render(node.elementType);
    return ts.isUnionTypeNode(node.elementType) || inner.includes(" | ") && !inner.startsWith("{") ? `(${inner})[]` : `${inner}[]`;
  }
  if (ts.isTypeLiteralNode(node)) return members(node.members);
  if (ts.isLiteralTypeNode(node)) return node.literal.getText();
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === "pulumi.Input" || name === "pulumi.Output") return render(node.typeArguments![0]);
    if (NAMED_TYPES.has(name)) return name;
    const decl = declarationOf(node.typeName);
    if (decl && ts.isTypeAliasDeclaration(decl)) return render(decl.type);
    if (decl && ts.isInterfaceDeclaration(decl)) return members(decl.members);
    throw new Error(`cannot write out the type ${name}`);
  }
  return node.getText();
}

/** The properties of an exported interface, in declaration order. */
export function interfaceProperties(file: string, interfaceName: string): PropertyDoc[] {
  const decl = sourceFile(file).statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  if (!decl) throw new Error(`${file}: no interface ${interfaceName}`);
  return decl.members.filter(ts.isPropertySignature).map((m) => ({
    name: m.name.getText(),
    optional: !!m.questionToken,
    type: render(m.type!),
    doc: docOf(m),
  }));
}

/** The `declare public readonly x: pulumi.Output<T>` properties of a class, in declaration order. */
export function classOutputs(file: string, className: string): PropertyDoc[] {
  const decl = sourceFile(file).statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className);
  if (!decl) throw new Error(`${file}: no class ${className}`);
  return decl.members.filter(ts.isPropertyDeclaration).map((m) => {
    const type = m.type!;
    const optional = ts.isTypeReferenceNode(type) && !!type.typeArguments?.[0] && ts.isUnionTypeNode(type.typeArguments[0])
      && type.typeArguments[0].types.some((t) => t.kind === ts.SyntaxKind.UndefinedKeyword);
    return { name: m.name.getText(), optional, type: render(type), doc: docOf(m) };
  });
}
