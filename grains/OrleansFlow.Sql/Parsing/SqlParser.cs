using System.Globalization;

namespace OrleansFlow.Sql.Parsing;

/// <summary>Hand-written recursive-descent parser for the SELECT dialect the engine runs.</summary>
public sealed class SqlParser
{
    /// <summary>Words that never serve as implicit aliases or bare column names.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "from", "where", "group", "by", "having", "order", "limit", "offset", "union", "intersect",
        "except", "join", "inner", "left", "right", "full", "outer", "cross", "on", "using", "and", "or", "not",
        "as", "case", "when", "then", "else", "end", "in", "is", "null", "between", "like", "exists", "with",
        "distinct", "all", "asc", "desc", "natural", "true", "false", "interval", "cast",
    };

    private readonly List<Token> _tokens;
    private readonly NestingDepth _depth;
    private int _pos;

    private SqlParser(string sql, SqlLimits limits)
    {
        _tokens = Tokenizer.Tokenize(sql);
        _depth = new NestingDepth(limits.MaxNestingDepth);
    }

    /// <summary>Parses one query, optionally followed by ';'; a query nested deeper than the limit is a <see cref="SqlNestingException"/>.</summary>
    public static Query Parse(string sql, SqlLimits? limits = null) => Parse(sql, limits ?? SqlLimits.Default, out _);

    /// <summary>Parses one query; <paramref name="deepestAt"/> is where it is nested deepest, for the later passes' errors.</summary>
    internal static Query Parse(string sql, SqlLimits limits, out SourcePosition deepestAt)
    {
        limits.Validate();
        var parser = new SqlParser(sql, limits);
        var query = parser.ParseQuery();
        parser.AcceptSymbol(";");
        if (parser.Current.Kind != TokenKind.End)
            throw parser.Error("end of query");
        deepestAt = parser._depth.DeepestAt;
        return query;
    }

    private Token Current => _tokens[_pos];
    private Token Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];
    private Token Advance()
    {
        var t = Current;
        if (_pos < _tokens.Count - 1) _pos++;
        return t;
    }

    private SqlParseException Error(string expected) =>
        new(Current.Position, $"expected {expected} but found {Current.Describe()}");

    private bool AcceptWord(string word)
    {
        if (!Current.IsWord(word)) return false;
        _pos++;
        return true;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol)) return false;
        _pos++;
        return true;
    }

    private Token ExpectWord(string word)
    {
        if (!Current.IsWord(word)) throw Error(word.ToUpperInvariant());
        return Advance();
    }

    private Token ExpectSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol)) throw Error($"'{symbol}'");
        return Advance();
    }

    private bool IsIdentifierToken(Token t) =>
        t.Kind == TokenKind.QuotedIdentifier || (t.Kind == TokenKind.Identifier && !Reserved.Contains(t.Text));

    private string ExpectIdentifier(string what)
    {
        if (!IsIdentifierToken(Current)) throw Error(what);
        var t = Advance();
        return t.Kind == TokenKind.QuotedIdentifier ? t.Text : t.Text.ToLowerInvariant();
    }

    // ---------------------------------------------------------------- queries

    private Query ParseQuery()
    {
        var start = Current.Position;
        _depth.Enter(start);
        var ctes = new List<CommonTableExpr>();
        if (AcceptWord("with"))
        {
            do
            {
                var ctePos = Current.Position;
                string name = ExpectIdentifier("a common table expression name");
                List<string>? columns = Current.IsSymbol("(") ? ParseIdentifierList() : null;
                ExpectWord("as");
                ExpectSymbol("(");
                var q = ParseQuery();
                ExpectSymbol(")");
                ctes.Add(new CommonTableExpr(ctePos, name, columns, q));
            } while (AcceptSymbol(","));
        }
        var body = ParseSetOperations();
        var orderBy = new List<OrderItem>();
        if (AcceptWord("order"))
        {
            ExpectWord("by");
            do orderBy.Add(ParseOrderItem()); while (AcceptSymbol(","));
        }
        SqlExpr? limit = null, offset = null;
        for (int i = 0; i < 2; i++)
        {
            if (limit is null && AcceptWord("limit")) limit = ParseLimitValue("LIMIT");
            else if (offset is null && AcceptWord("offset")) { offset = ParseLimitValue("OFFSET"); AcceptWord("rows"); }
        }
        _depth.Leave();
        return new Query(start, ctes, body, orderBy, limit, offset);
    }

    private SqlExpr ParseLimitValue(string clause)
    {
        if (Current.Kind != TokenKind.Number || Current.Text.Contains('.'))
            throw Error($"a whole number after {clause}");
        var t = Advance();
        return new LiteralExpr(t.Position, LiteralKind.Integer, t.Text);
    }

    private OrderItem ParseOrderItem()
    {
        var expr = ParseExpr();
        bool desc = false;
        if (AcceptWord("desc")) desc = true;
        else AcceptWord("asc");
        bool? nullsFirst = null;
        if (AcceptWord("nulls"))
        {
            if (AcceptWord("first")) nullsFirst = true;
            else if (AcceptWord("last")) nullsFirst = false;
            else throw Error("FIRST or LAST after NULLS");
        }
        return new OrderItem(expr, desc, nullsFirst);
    }

    // UNION and EXCEPT bind looser than INTERSECT, all left-associative.
    private QueryBody ParseSetOperations()
    {
        var left = ParseIntersect();
        var chain = 0;
        while (Current.IsWord("union") || Current.IsWord("except"))
        {
            var pos = Current.Position;
            _depth.Enter(pos); // each operator of a chain nests the tree one level deeper
            chain++;
            var kind = Advance().IsWord("union") ? SetOpKind.Union : SetOpKind.Except;
            bool all = AcceptWord("all");
            if (!all) AcceptWord("distinct");
            var right = ParseIntersect();
            left = new SetOperationBody(pos, kind, all, left, right);
        }
        _depth.Leave(chain);
        return left;
    }

    private QueryBody ParseIntersect()
    {
        var left = ParseQueryPrimary();
        var chain = 0;
        while (Current.IsWord("intersect"))
        {
            var pos = Advance().Position;
            _depth.Enter(pos);
            chain++;
            bool all = AcceptWord("all");
            if (!all) AcceptWord("distinct");
            var right = ParseQueryPrimary();
            left = new SetOperationBody(pos, SetOpKind.Intersect, all, left, right);
        }
        _depth.Leave(chain);
        return left;
    }

    private QueryBody ParseQueryPrimary()
    {
        if (Current.IsSymbol("("))
        {
            var pos = Advance().Position;
            var q = ParseQuery();
            ExpectSymbol(")");
            return new NestedQueryBody(pos, q);
        }
        if (!Current.IsWord("select")) throw Error("SELECT");
        return ParseSelect();
    }

    private SelectBody ParseSelect()
    {
        var pos = ExpectWord("select").Position;
        bool distinct = AcceptWord("distinct");
        if (!distinct) AcceptWord("all");
        var items = new List<SelectItem>();
        do items.Add(ParseSelectItem()); while (AcceptSymbol(","));

        if (IsIdentifierToken(Current)) throw Error("FROM");
        var from = new List<TableRef>();
        if (AcceptWord("from"))
        {
            do from.Add(ParseJoinedTable()); while (AcceptSymbol(","));
            if (IsIdentifierToken(Current)) throw Error("WHERE, GROUP BY, ORDER BY, LIMIT or end of query");
        }
        SqlExpr? where = AcceptWord("where") ? ParseExpr() : null;
        GroupByClause? groupBy = null;
        if (Current.IsWord("group"))
        {
            var gpos = Advance().Position;
            ExpectWord("by");
            var elements = new List<GroupingElement>();
            do elements.Add(ParseGroupingElement()); while (AcceptSymbol(","));
            groupBy = new GroupByClause(gpos, elements);
        }
        SqlExpr? having = AcceptWord("having") ? ParseExpr() : null;
        return new SelectBody(pos, distinct, items, from, where, groupBy, having);
    }

    private SelectItem ParseSelectItem()
    {
        if (Current.IsSymbol("*"))
            return new SelectItem(new StarExpr(Advance().Position, null), null);
        if (IsIdentifierToken(Current) && Peek().IsSymbol(".") && Peek(2).IsSymbol("*"))
        {
            var pos = Current.Position;
            string qualifier = ExpectIdentifier("a table name");
            _pos += 2;
            return new SelectItem(new StarExpr(pos, qualifier), null);
        }
        var expr = ParseExpr();
        return new SelectItem(expr, ParseOptionalAlias());
    }

    private string? ParseOptionalAlias()
    {
        if (AcceptWord("as"))
        {
            if (Current.Kind == TokenKind.String) return Advance().Text;
            return ExpectIdentifier("an alias after AS");
        }
        // "a FORM t": two bare words in a row mean a misspelt keyword, not an alias; leave it for a clear error.
        if (!IsIdentifierToken(Current) || (Current.Kind == TokenKind.Identifier && IsIdentifierToken(Peek()) && Peek().Kind == TokenKind.Identifier))
            return null;
        return ExpectIdentifier("an alias");
    }

    private GroupingElement ParseGroupingElement()
    {
        var pos = Current.Position;
        if ((Current.IsWord("rollup") || Current.IsWord("cube")) && Peek().IsSymbol("("))
        {
            var kind = Advance().IsWord("rollup") ? GroupingKind.Rollup : GroupingKind.Cube;
            ExpectSymbol("(");
            var entries = new List<IReadOnlyList<SqlExpr>>();
            do entries.Add(ParseGroupingSetEntry()); while (AcceptSymbol(","));
            ExpectSymbol(")");
            return new GroupingElement(pos, kind, entries);
        }
        if (Current.IsWord("grouping") && Peek().IsWord("sets"))
        {
            _pos += 2;
            ExpectSymbol("(");
            var sets = new List<IReadOnlyList<SqlExpr>>();
            do sets.Add(ParseGroupingSetEntry()); while (AcceptSymbol(","));
            ExpectSymbol(")");
            return new GroupingElement(pos, GroupingKind.GroupingSets, sets);
        }
        return new GroupingElement(pos, GroupingKind.Simple, [[ParseExpr()]]);
    }

    // Either "(a, b)", "()" or a single expression. A parenthesised single expression is ambiguous,
    // and both readings mean the same set.
    private IReadOnlyList<SqlExpr> ParseGroupingSetEntry()
    {
        if (Current.IsSymbol("(") && !Peek().IsWord("select"))
        {
            int save = _pos;
            _pos++;
            if (AcceptSymbol(")")) return [];
            var list = new List<SqlExpr> { ParseExpr() };
            if (Current.IsSymbol(","))
            {
                while (AcceptSymbol(",")) list.Add(ParseExpr());
                ExpectSymbol(")");
                return list;
            }
            _pos = save;
        }
        return [ParseExpr()];
    }

    // ---------------------------------------------------------------- FROM

    private TableRef ParseJoinedTable()
    {
        var left = ParseTablePrimary();
        var chain = 0;
        while (true)
        {
            var pos = Current.Position;
            JoinKind kind;
            if (AcceptWord("cross")) { ExpectWord("join"); kind = JoinKind.Cross; }
            else if (AcceptWord("join")) kind = JoinKind.Inner;
            else if (AcceptWord("inner")) { ExpectWord("join"); kind = JoinKind.Inner; }
            else if (Current.IsWord("left") || Current.IsWord("right") || Current.IsWord("full"))
            {
                var w = Advance();
                kind = w.IsWord("left") ? JoinKind.Left : w.IsWord("right") ? JoinKind.Right : JoinKind.Full;
                AcceptWord("outer");
                ExpectWord("join");
            }
            else
            {
                _depth.Leave(chain);
                return left;
            }

            _depth.Enter(pos);
            chain++;
            var right = ParseTablePrimary();
            if (kind == JoinKind.Cross)
            {
                left = new JoinTableRef(pos, kind, left, right, null, null);
                continue;
            }
            if (AcceptWord("on"))
                left = new JoinTableRef(pos, kind, left, right, ParseExpr(), null);
            else if (AcceptWord("using"))
                left = new JoinTableRef(pos, kind, left, right, null, ParseIdentifierList());
            else
                throw Error("ON or USING after JOIN");
        }
    }

    private TableRef ParseTablePrimary()
    {
        var pos = Current.Position;
        if (AcceptSymbol("("))
        {
            if (Current.IsWord("select") || Current.IsWord("with") || Current.IsSymbol("("))
            {
                var q = ParseQuery();
                ExpectSymbol(")");
                AcceptWord("as");
                if (!IsIdentifierToken(Current)) throw Error("an alias for the subquery in FROM");
                string alias = ExpectIdentifier("an alias");
                List<string>? columns = Current.IsSymbol("(") ? ParseIdentifierList() : null;
                return new DerivedTableRef(pos, q, alias, columns);
            }
            _depth.Enter(pos);
            var inner = ParseJoinedTable();
            ExpectSymbol(")");
            _depth.Leave();
            return inner;
        }
        string name = ExpectIdentifier("a table name");
        // Schema-qualified names: keep the last part; the catalog is flat.
        while (AcceptSymbol(".")) name = ExpectIdentifier("a table name after '.'");
        return new NamedTableRef(pos, name, ParseOptionalAlias());
    }

    private List<string> ParseIdentifierList()
    {
        ExpectSymbol("(");
        var names = new List<string>();
        do names.Add(ExpectIdentifier("a column name")); while (AcceptSymbol(","));
        ExpectSymbol(")");
        return names;
    }

    // ---------------------------------------------------------------- expressions

    public SqlExpr ParseExpr()
    {
        _depth.Enter(Current.Position);
        var e = ParseOr();
        _depth.Leave();
        return e;
    }

    private SqlExpr ParseOr()
    {
        var left = ParseAnd();
        var chain = 0;
        while (Current.IsWord("or"))
        {
            var pos = Advance().Position;
            _depth.Enter(pos);
            chain++;
            left = new BinaryExpr(pos, BinaryOp.Or, left, ParseAnd());
        }
        _depth.Leave(chain);
        return left;
    }

    private SqlExpr ParseAnd()
    {
        var left = ParseNot();
        var chain = 0;
        while (Current.IsWord("and"))
        {
            var pos = Advance().Position;
            _depth.Enter(pos);
            chain++;
            left = new BinaryExpr(pos, BinaryOp.And, left, ParseNot());
        }
        _depth.Leave(chain);
        return left;
    }

    private SqlExpr ParseNot()
    {
        if (Current.IsWord("not") && !Peek().IsWord("exists"))
        {
            var pos = Advance().Position;
            _depth.Enter(pos);
            var operand = ParseNot();
            _depth.Leave();
            return new UnaryExpr(pos, UnaryOp.Not, operand);
        }
        return ParsePredicate();
    }

    private SqlExpr ParsePredicate()
    {
        var left = ParseAdditive();
        var chain = 0;
        while (true)
        {
            var pos = Current.Position;
            if (!AtPredicate())
            {
                _depth.Leave(chain);
                return left;
            }
            _depth.Enter(pos); // every predicate applied to the left operand nests the tree one level deeper
            chain++;
            if (Current.Kind == TokenKind.Symbol && ComparisonOp(Current.Text) is { } op)
            {
                _pos++;
                left = new BinaryExpr(pos, op, left, ParseAdditive());
                continue;
            }
            if (AcceptWord("is"))
            {
                bool negated = AcceptWord("not");
                if (!AcceptWord("null")) throw Error("NULL after IS");
                left = new IsNullExpr(pos, left, negated);
                continue;
            }
            bool not = false;
            if (Current.IsWord("not") && (Peek().IsWord("between") || Peek().IsWord("like") || Peek().IsWord("in")))
            {
                _pos++;
                not = true;
            }
            if (AcceptWord("between"))
            {
                var low = ParseAdditive();
                ExpectWord("and");
                var high = ParseAdditive();
                left = new BetweenExpr(pos, left, low, high, not);
                continue;
            }
            if (AcceptWord("like"))
            {
                left = new LikeExpr(pos, left, ParseAdditive(), not);
                continue;
            }
            if (AcceptWord("in"))
            {
                ExpectSymbol("(");
                if (Current.IsWord("select") || Current.IsWord("with"))
                {
                    var q = ParseQuery();
                    ExpectSymbol(")");
                    left = new InSubqueryExpr(pos, left, q, not);
                    continue;
                }
                var items = new List<SqlExpr>();
                do items.Add(ParseExpr()); while (AcceptSymbol(","));
                ExpectSymbol(")");
                left = new InListExpr(pos, left, items, not);
                continue;
            }
            throw Error("a predicate"); // AtPredicate and the branches above disagree
        }
    }

    /// <summary>Whether the current token starts a comparison, IS [NOT] NULL, [NOT] BETWEEN, [NOT] LIKE or [NOT] IN.</summary>
    private bool AtPredicate() =>
        (Current.Kind == TokenKind.Symbol && ComparisonOp(Current.Text) is not null)
        || Current.IsWord("is") || Current.IsWord("between") || Current.IsWord("like") || Current.IsWord("in")
        || (Current.IsWord("not") && (Peek().IsWord("between") || Peek().IsWord("like") || Peek().IsWord("in")));

    private static BinaryOp? ComparisonOp(string symbol) => symbol switch
    {
        "=" => BinaryOp.Eq,
        "<>" => BinaryOp.NotEq,
        "<" => BinaryOp.Lt,
        "<=" => BinaryOp.LtEq,
        ">" => BinaryOp.Gt,
        ">=" => BinaryOp.GtEq,
        _ => null,
    };

    private SqlExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        var chain = 0;
        while (Current.IsSymbol("+") || Current.IsSymbol("-") || Current.IsSymbol("||"))
        {
            var t = Advance();
            _depth.Enter(t.Position);
            chain++;
            var op = t.Text switch { "+" => BinaryOp.Add, "-" => BinaryOp.Subtract, _ => BinaryOp.Concat };
            left = new BinaryExpr(t.Position, op, left, ParseMultiplicative());
        }
        _depth.Leave(chain);
        return left;
    }

    private SqlExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        var chain = 0;
        while (Current.IsSymbol("*") || Current.IsSymbol("/") || Current.IsSymbol("%"))
        {
            var t = Advance();
            _depth.Enter(t.Position);
            chain++;
            var op = t.Text switch { "*" => BinaryOp.Multiply, "/" => BinaryOp.Divide, _ => BinaryOp.Modulo };
            left = new BinaryExpr(t.Position, op, left, ParseUnary());
        }
        _depth.Leave(chain);
        return left;
    }

    private SqlExpr ParseUnary()
    {
        if (Current.IsSymbol("-"))
        {
            var pos = Advance().Position;
            _depth.Enter(pos);
            var operand = ParseUnary();
            _depth.Leave();
            // Fold "-5" into a literal so that the smallest integers stay representable.
            if (operand is LiteralExpr { Kind: LiteralKind.Integer or LiteralKind.Decimal or LiteralKind.Float } lit)
                return lit with { Position = pos, Text = lit.Text.StartsWith('-') ? lit.Text[1..] : "-" + lit.Text }; // "- -1" is 1
            return new UnaryExpr(pos, UnaryOp.Negate, operand);
        }
        if (Current.IsSymbol("+"))
        {
            _depth.Enter(Advance().Position); // "+ + + 1" makes no node, but recurses all the same
            var operand = ParseUnary();
            _depth.Leave();
            return operand;
        }
        return ParsePrimary();
    }

    private SqlExpr ParsePrimary()
    {
        var t = Current;
        var pos = t.Position;
        switch (t.Kind)
        {
            case TokenKind.Number:
                _pos++;
                return NumberOrInterval(t);
            case TokenKind.String:
                _pos++;
                return new LiteralExpr(pos, LiteralKind.String, t.Text);
            case TokenKind.Symbol when t.Text == "(":
                _pos++;
                if (Current.IsWord("select") || Current.IsWord("with"))
                {
                    var q = ParseQuery();
                    ExpectSymbol(")");
                    return new ScalarSubqueryExpr(pos, q);
                }
                var inner = ParseExpr();
                ExpectSymbol(")");
                return inner;
            case TokenKind.QuotedIdentifier:
                return ParseColumnOrFunction();
            case TokenKind.Identifier:
                break;
            default:
                throw Error("an expression");
        }

        if (t.IsWord("null")) { _pos++; return new LiteralExpr(pos, LiteralKind.Null, "null"); }
        if (t.IsWord("true") || t.IsWord("false"))
        {
            _pos++;
            return new LiteralExpr(pos, LiteralKind.Boolean, t.Text.ToLowerInvariant());
        }
        if (t.IsWord("case")) return ParseCase();
        if (t.IsWord("cast")) return ParseCast();
        if (t.IsWord("exists"))
        {
            _pos++;
            ExpectSymbol("(");
            var q = ParseQuery();
            ExpectSymbol(")");
            return new ExistsExpr(pos, q);
        }
        if (t.IsWord("not") && Peek().IsWord("exists"))
        {
            _pos++;
            _depth.Enter(pos);
            var operand = ParsePrimary();
            _depth.Leave();
            return new UnaryExpr(pos, UnaryOp.Not, operand);
        }
        if (t.IsWord("interval")) return ParseInterval();
        if ((t.IsWord("date") || t.IsWord("timestamp")) && Peek().Kind == TokenKind.String)
        {
            _pos++;
            var text = Advance();
            return new LiteralExpr(pos, LiteralKind.Date, ValidateDate(text));
        }
        if (t.IsWord("extract") && Peek().IsSymbol("(")) return ParseExtract();
        if (t.IsWord("substring") && Peek().IsSymbol("(")) return ParseSubstring();
        if (Reserved.Contains(t.Text)) throw Error("an expression");
        return ParseColumnOrFunction();
    }

    private SqlExpr NumberOrInterval(Token number)
    {
        // TPC-DS spelling: "cast('2000-08-23' as date) + 30 days".
        if (Current.Kind == TokenKind.Identifier && IntervalUnitOf(Current.Text) is { } unit)
        {
            _pos++;
            return new IntervalExpr(number.Position, ParseWhole(number, "interval amount"), unit);
        }
        var kind = number.Text.Contains('e') || number.Text.Contains('E') ? LiteralKind.Float
            : number.Text.Contains('.') ? LiteralKind.Decimal
            : LiteralKind.Integer;
        return new LiteralExpr(number.Position, kind, number.Text);
    }

    private static IntervalUnit? IntervalUnitOf(string word) => word.ToLowerInvariant() switch
    {
        "day" or "days" => IntervalUnit.Day,
        "month" or "months" => IntervalUnit.Month,
        "year" or "years" => IntervalUnit.Year,
        _ => null,
    };

    private static long ParseWhole(Token t, string what)
    {
        if (!long.TryParse(t.Text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            throw new SqlParseException(t.Position, $"expected a whole number for the {what} but found {t.Describe()}");
        return v;
    }

    // INTERVAL 30 DAY | INTERVAL '30' DAY | INTERVAL '30 days' | INTERVAL '3' MONTH (3)
    private IntervalExpr ParseInterval()
    {
        var pos = Advance().Position;
        var amount = Current;
        if (amount.Kind == TokenKind.String)
        {
            _pos++;
            var parts = amount.Text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && IntervalUnitOf(parts[1]) is { } inlineUnit)
                return new IntervalExpr(pos, ParseWhole(amount with { Text = parts[0] }, "interval amount"), inlineUnit);
        }
        else if (amount.Kind == TokenKind.Number) _pos++;
        else throw Error("an interval amount");
        if (Current.Kind != TokenKind.Identifier || IntervalUnitOf(Current.Text) is not { } unit)
            throw Error("DAY, MONTH or YEAR");
        _pos++;
        if (Current.IsSymbol("(") && Peek().Kind == TokenKind.Number && Peek(2).IsSymbol(")")) _pos += 3;
        return new IntervalExpr(pos, ParseWhole(amount, "interval amount"), unit);
    }

    private static string ValidateDate(Token t)
    {
        string text = t.Text.Trim();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new SqlParseException(t.Position, $"expected a date 'YYYY-MM-DD' but found {t.Describe()}");
        return text;
    }

    private CaseExpr ParseCase()
    {
        var pos = Advance().Position;
        SqlExpr? operand = Current.IsWord("when") ? null : ParseExpr();
        var whens = new List<WhenClause>();
        while (AcceptWord("when"))
        {
            var cond = ParseExpr();
            ExpectWord("then");
            whens.Add(new WhenClause(cond, ParseExpr()));
        }
        if (whens.Count == 0) throw Error("WHEN");
        SqlExpr? elseExpr = AcceptWord("else") ? ParseExpr() : null;
        ExpectWord("end");
        return new CaseExpr(pos, operand, whens, elseExpr);
    }

    private CastExpr ParseCast()
    {
        var pos = Advance().Position;
        ExpectSymbol("(");
        var operand = ParseExpr();
        ExpectWord("as");
        var type = ParseTypeName();
        ExpectSymbol(")");
        return new CastExpr(pos, operand, type);
    }

    private TypeName ParseTypeName()
    {
        var pos = Current.Position;
        if (Current.Kind != TokenKind.Identifier) throw Error("a type name");
        string name = Advance().Text.ToLowerInvariant();
        if (name == "double" && Current.IsWord("precision")) _pos++;
        if (name == "character" && Current.IsWord("varying")) { _pos++; name = "varchar"; }
        int? precision = null, scale = null;
        if (AcceptSymbol("("))
        {
            precision = (int)ParseWhole(ExpectNumber("a type precision"), "type precision");
            if (AcceptSymbol(",")) scale = (int)ParseWhole(ExpectNumber("a type scale"), "type scale");
            ExpectSymbol(")");
        }
        return new TypeName(pos, name, precision, scale);
    }

    private Token ExpectNumber(string what)
    {
        if (Current.Kind != TokenKind.Number) throw Error(what);
        return Advance();
    }

    private SqlExpr ParseExtract()
    {
        var pos = Advance().Position;
        ExpectSymbol("(");
        if (Current.Kind != TokenKind.Identifier) throw Error("YEAR, MONTH or DAY");
        var field = Advance();
        string name = field.Text.ToLowerInvariant();
        if (name is not ("year" or "month" or "day")) throw new SqlParseException(field.Position,
            $"expected YEAR, MONTH or DAY but found {field.Describe()}");
        ExpectWord("from");
        var operand = ParseExpr();
        ExpectSymbol(")");
        return new FunctionCall(pos, name, [operand], false, false);
    }

    // substring(x FROM a [FOR b]) as well as substring(x, a [, b]).
    private SqlExpr ParseSubstring()
    {
        var pos = Advance().Position;
        ExpectSymbol("(");
        var args = new List<SqlExpr> { ParseExpr() };
        if (AcceptWord("from"))
        {
            args.Add(ParseExpr());
            if (AcceptWord("for")) args.Add(ParseExpr());
        }
        else
        {
            while (AcceptSymbol(",")) args.Add(ParseExpr());
        }
        ExpectSymbol(")");
        return new FunctionCall(pos, "substring", args, false, false);
    }

    private SqlExpr ParseColumnOrFunction()
    {
        var pos = Current.Position;
        var first = Current;
        string name = ExpectIdentifier("an expression");
        if (first.Kind == TokenKind.Identifier && Current.IsSymbol("("))
        {
            _pos++;
            if (AcceptSymbol("*"))
            {
                ExpectSymbol(")");
                return WithOptionalWindow(new FunctionCall(pos, name, [], false, true));
            }
            bool distinct = AcceptWord("distinct");
            if (!distinct) AcceptWord("all");
            var args = new List<SqlExpr>();
            if (!Current.IsSymbol(")"))
            {
                do args.Add(ParseExpr()); while (AcceptSymbol(","));
            }
            ExpectSymbol(")");
            return WithOptionalWindow(new FunctionCall(pos, name, args, distinct, false));
        }
        if (AcceptSymbol("."))
        {
            string column = ExpectIdentifier("a column name after '.'");
            return new ColumnRef(pos, name, column);
        }
        return new ColumnRef(pos, null, name);
    }

    // ---------------------------------------------------------------- windows

    private SqlExpr WithOptionalWindow(FunctionCall call)
    {
        if (!AcceptWord("over")) return call;
        var pos = Current.Position;
        // Named windows (OVER w with a WINDOW clause) are rare in practice; say so instead of a puzzling error.
        if (!Current.IsSymbol("(")) throw Error("'(' after OVER (named windows are not supported)");
        _pos++;
        var partitionBy = new List<SqlExpr>();
        if (AcceptWord("partition"))
        {
            ExpectWord("by");
            do partitionBy.Add(ParseExpr()); while (AcceptSymbol(","));
        }
        var orderBy = new List<OrderItem>();
        if (AcceptWord("order"))
        {
            ExpectWord("by");
            do orderBy.Add(ParseOrderItem()); while (AcceptSymbol(","));
        }
        WindowFrame? frame = null;
        if (Current.IsWord("rows") || Current.IsWord("range"))
        {
            var framePos = Current.Position;
            var unit = Advance().IsWord("rows") ? FrameUnit.Rows : FrameUnit.Range;
            if (AcceptWord("between"))
            {
                var start = ParseFrameBound();
                ExpectWord("and");
                frame = new WindowFrame(framePos, unit, start, ParseFrameBound());
            }
            else
            {
                // "ROWS 2 PRECEDING" abbreviates "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW".
                var start = ParseFrameBound();
                frame = new WindowFrame(framePos, unit, start, new FrameBound(start.Position, FrameBoundKind.CurrentRow));
            }
        }
        if (frame is null && Current.IsWord("groups"))
            throw new SqlParseException(Current.Position, "GROUPS frames are not supported; use ROWS or RANGE");
        if (!Current.IsSymbol(")"))
            throw Error(frame is not null ? "')'" : orderBy.Count > 0 ? "ROWS, RANGE or ')'" : "PARTITION BY, ORDER BY, ROWS, RANGE or ')'");
        _pos++;
        return new WindowCall(call.Position, call, new WindowSpec(pos, partitionBy, orderBy, frame));
    }

    private FrameBound ParseFrameBound()
    {
        var pos = Current.Position;
        if (AcceptWord("unbounded"))
        {
            if (AcceptWord("preceding")) return new FrameBound(pos, FrameBoundKind.UnboundedPreceding);
            if (AcceptWord("following")) return new FrameBound(pos, FrameBoundKind.UnboundedFollowing);
            throw Error("PRECEDING or FOLLOWING after UNBOUNDED");
        }
        if (AcceptWord("current"))
        {
            ExpectWord("row");
            return new FrameBound(pos, FrameBoundKind.CurrentRow);
        }
        if (Current.Kind != TokenKind.Number || Current.Text.Contains('.') || Current.Text.Contains('e') || Current.Text.Contains('E'))
            throw Error("UNBOUNDED, CURRENT ROW or a whole number of rows");
        long offset = ParseWhole(Advance(), "frame offset");
        if (AcceptWord("preceding")) return new FrameBound(pos, FrameBoundKind.Preceding, offset);
        if (AcceptWord("following")) return new FrameBound(pos, FrameBoundKind.Following, offset);
        throw Error("PRECEDING or FOLLOWING");
    }
}
