import { readFileSync } from 'node:fs'
import ts from 'typescript'

/** The built main bundle as a syntax tree, so the checklist reads what ships rather than the source. */
export class Bundle {
  readonly text: string
  private readonly file: ts.SourceFile

  constructor(path: string) {
    this.text = readFileSync(path, 'utf8')
    this.file = ts.createSourceFile(path, this.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
  }

  /** Every call whose callee ends with `.name` (or is `name`). */
  calls(name: string): ts.CallExpression[] {
    const found: ts.CallExpression[] = []
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression
        const last = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : ''
        if (last === name) found.push(n)
      }
      ts.forEachChild(n, visit)
    }
    visit(this.file)
    return found
  }

  /** `.on("event", handler)` registrations. */
  listeners(event: string): ts.Expression[] {
    return this.calls('on')
      .filter((c) => c.arguments[0] && ts.isStringLiteral(c.arguments[0]) && c.arguments[0].text === event)
      .map((c) => c.arguments[1]!)
  }

  /** The options object of each `new Name({...})`, as property name -> source text of the value. */
  constructed(name: string): Record<string, string>[] {
    const found: Record<string, string>[] = []
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) {
        const arg = n.arguments?.[0]
        if (arg && ts.isObjectLiteralExpression(arg)) found.push(props(arg))
      }
      ts.forEachChild(n, visit)
    }
    visit(this.file)
    return found
  }

  source(node: ts.Node): string {
    return node.getText(this.file)
  }
}

export function props(o: ts.ObjectLiteralExpression): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out[p.name.text] = p.initializer.getText()
  }
  return out
}

export function objectIn(text: string): Record<string, string> {
  const f = ts.createSourceFile('x.js', `(${text})`, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
  const stmt = f.statements[0]
  const expr = stmt && ts.isExpressionStatement(stmt) ? stmt.expression : undefined
  const inner = expr && ts.isParenthesizedExpression(expr) ? expr.expression : undefined
  return inner && ts.isObjectLiteralExpression(inner) ? props(inner) : {}
}

/** Every value a function can return: `return x` statements and a concise arrow body. */
export function returnsOf(fn: ts.Node): string[] {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) {
    const body = ts.isParenthesizedExpression(fn.body) ? fn.body.expression : fn.body
    return [body.getText()]
  }
  const out: string[] = []
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression.getText())
    if (n !== fn && (ts.isFunctionLike(n) || ts.isArrowFunction(n))) return
    ts.forEachChild(n, visit)
  }
  visit(fn)
  return out
}
