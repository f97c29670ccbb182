using PdfSharp.Pdf;

namespace DriveSync.Sanitization.Pdf;

/// <summary>Runs a page's content operations through the graphics and text state and places every shown glyph in user space. Refuses what it cannot account for.</summary>
internal sealed class PageInterpreter
{
    private const string Malformed = "PDF content stream is malformed";

    private static readonly HashSet<string> NoOpOperators = new(StringComparer.Ordinal)
    {
        "w", "J", "j", "M", "d", "ri", "i", "gs",
        "CS", "cs", "SC", "SCN", "sc", "scn", "G", "g", "RG", "rg", "K", "k",
        "m", "l", "c", "v", "y", "h", "re", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "W", "W*",
        "MP", "sh", "d0", "d1",
    };

    private readonly PdfResourceCache cache;
    private readonly PdfDictionary? resources;
    private readonly PageLayout layout = new();
    private readonly Stack<GraphicsState> saved = new();
    private readonly Stack<MarkedText?> markedSections = new();
    private GraphicsState state = new();
    private Matrix2D textMatrix = Matrix2D.Identity;
    private Matrix2D lineMatrix = Matrix2D.Identity;
    private bool inText;
    private int compatibilityDepth;

    private PageInterpreter(PdfResourceCache cache, PdfDictionary? resources)
    {
        this.cache = cache;
        this.resources = resources;
    }

    public static PageLayout Run(IReadOnlyList<ContentOperation> operations, PdfDictionary? resources, PdfResourceCache cache)
    {
        var interpreter = new PageInterpreter(cache, resources);
        interpreter.layout.HasImages = cache.InspectPatterns(resources);
        for (var i = 0; i < operations.Count; i++)
        {
            interpreter.Execute(operations[i], i);
        }

        if (interpreter.inText)
        {
            throw new PdfRedactionException(Malformed);
        }

        while (interpreter.markedSections.Count > 0)
        {
            interpreter.markedSections.Pop()?.EndGlyph = interpreter.layout.Glyphs.Count;
        }

        return interpreter.layout;
    }

    private void Execute(ContentOperation operation, int index)
    {
        var op = operation.Operands;
        switch (operation.Operator)
        {
            case "q":
                saved.Push(state.Clone());
                break;
            case "Q":
                state = saved.Count > 0 ? saved.Pop() : throw new PdfRedactionException("PDF content has unbalanced graphics states");
                break;
            case "cm":
                state.Ctm = Matrix(op).Multiply(state.Ctm);
                break;
            case "BT":
                Require(!inText);
                inText = true;
                textMatrix = lineMatrix = Matrix2D.Identity;
                break;
            case "ET":
                Require(inText);
                inText = false;
                break;
            case "Tc":
                state.CharSpacing = Number(op, 0, 1);
                break;
            case "Tw":
                state.WordSpacing = Number(op, 0, 1);
                break;
            case "Tz":
                state.HorizontalScale = Number(op, 0, 1) / 100;
                break;
            case "TL":
                state.Leading = Number(op, 0, 1);
                break;
            case "Tr":
                state.RenderMode = (int)Number(op, 0, 1);
                break;
            case "Ts":
                state.Rise = Number(op, 0, 1);
                break;
            case "Tf":
                SetFont(op);
                break;
            case "Td":
                MoveLine(Number(op, 0, 2), Number(op, 1, 2));
                break;
            case "TD":
                state.Leading = -Number(op, 1, 2);
                MoveLine(Number(op, 0, 2), Number(op, 1, 2));
                break;
            case "Tm":
                Require(inText);
                textMatrix = lineMatrix = Matrix(op);
                break;
            case "T*":
                MoveLine(0, -state.Leading);
                break;
            case "Tj":
                Show(index, [String(op, 0, 1)]);
                break;
            case "'":
                MoveLine(0, -state.Leading);
                Show(index, [String(op, 0, 1)]);
                break;
            case "\"":
                state.WordSpacing = Number(op, 0, 3);
                state.CharSpacing = Number(op, 1, 3);
                MoveLine(0, -state.Leading);
                Show(index, [String(op, 2, 3)]);
                break;
            case "TJ":
                Require(op.Count == 1 && op[0].Kind == ContentTokenKind.Array);
                Show(index, op[0].Items);
                break;
            case "BDC" or "DP" or "BMC":
                MarkedContent(operation, index);
                break;
            case "EMC":
                if (markedSections.Count == 0)
                {
                    throw new PdfRedactionException("PDF content has unbalanced marked content");
                }

                markedSections.Pop()?.EndGlyph = layout.Glyphs.Count;
                break;
            case "Do":
                layout.HasImages |= cache.InspectXObject(operation, resources);
                break;
            case "BI":
                layout.HasImages = true;
                break;
            case "BX":
                compatibilityDepth++;
                break;
            case "EX":
                compatibilityDepth = Math.Max(0, compatibilityDepth - 1);
                break;
            default:
                if (!NoOpOperators.Contains(operation.Operator) && (inText || compatibilityDepth == 0))
                {
                    throw new PdfRedactionException("PDF content uses an unsupported operator");
                }

                break;
        }
    }

    /// <summary>Marked content with an inline property list that carries text (/ActualText, /Alt, /E) is noted with the glyphs its section covers, so that the redactor can drop the properties.</summary>
    private void MarkedContent(ContentOperation operation, int index)
    {
        var op = operation.Operands;
        Require(op.Count >= 1 && op[0].Kind == ContentTokenKind.Name);
        MarkedText? marked = null;
        if (operation.Operator != "BMC")
        {
            Require(op.Count == 2 && op[1].Kind is ContentTokenKind.Name or ContentTokenKind.Dictionary);
            var properties = op[1].Items;
            var texts = new List<string>();
            for (var i = 0; i + 1 < properties.Count; i += 2)
            {
                if (properties[i].Kind == ContentTokenKind.Name && properties[i].Text is "ActualText" or "Alt" or "E")
                {
                    texts.Add(properties[i + 1].Kind == ContentTokenKind.String ? TextString(properties[i + 1].Bytes) : "");
                }
            }

            if (texts.Count > 0)
            {
                marked = new MarkedText(index, texts, layout.Glyphs.Count);
                layout.MarkedTexts.Add(marked);
            }
        }

        if (operation.Operator != "DP")
        {
            markedSections.Push(marked);
        }
    }

    /// <summary>A PDF text string: UTF-16BE after a byte order mark, otherwise (PDFDocEncoding, close to Latin-1) byte by byte.</summary>
    private static string TextString(byte[] bytes) =>
        bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF
            ? System.Text.Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2)
            : System.Text.Encoding.Latin1.GetString(bytes);

    private void SetFont(IReadOnlyList<ContentToken> op)
    {
        Require(op.Count == 2 && op[0].Kind == ContentTokenKind.Name && op[1].Kind == ContentTokenKind.Number);
        var fonts = resources is null ? null : PdfObjects.GetDictionary(resources, "/Font");
        if (fonts is null || PdfObjects.Get(fonts, "/" + op[0].Text) is not PdfDictionary font)
        {
            throw new PdfRedactionException("PDF content refers to a missing font");
        }

        state.Font = cache.GetFont(font);
        state.FontSize = op[1].Number;
    }

    private void MoveLine(double x, double y)
    {
        Require(inText);
        lineMatrix = Matrix2D.Translation(x, y).Multiply(lineMatrix);
        textMatrix = lineMatrix;
    }

    private void Show(int index, IReadOnlyList<ContentToken> items)
    {
        Require(inText);
        var font = state.Font ?? throw new PdfRedactionException(Malformed);
        layout.HasInvisibleText |= state.RenderMode is 3 or 7;
        var elements = new List<ShowElement>();
        var codes = new List<GlyphCode>();
        foreach (var item in items)
        {
            if (item.Kind == ContentTokenKind.Number)
            {
                elements.Add(new ShowElement(default, -1, item.Number));
                textMatrix = Matrix2D.Translation(-item.Number / 1000 * state.FontSize * state.HorizontalScale, 0).Multiply(textMatrix);
                continue;
            }

            Require(item.Kind == ContentTokenKind.String);
            codes.Clear();
            font.Decode(item.Bytes, codes);
            foreach (var code in codes)
            {
                elements.Add(new ShowElement(code, layout.Glyphs.Count, 0));
                layout.Glyphs.Add(Place(font, code));
            }
        }

        layout.Shows.Add(new TextShow(index, state.FontSize, state.CharSpacing, state.WordSpacing, elements));
    }

    /// <summary>
    /// Places a glyph: its box in user space, and its origin and end along its own baseline (X, EndX) and across it (Y),
    /// so that rotated text (watermarks, side notes) reads along its own lines; text of each orientation is read apart.
    /// </summary>
    private PlacedGlyph Place(TextFont font, GlyphCode code)
    {
        var size = state.FontSize;
        var scale = state.HorizontalScale;
        var rendering = new Matrix2D(size * scale, 0, 0, size, 0, state.Rise).Multiply(textMatrix).Multiply(state.Ctm);
        var determinant = (rendering.A * rendering.D) - (rendering.B * rendering.C);
        if (determinant < 0)
        {
            throw new PdfRedactionException("PDF has mirrored text (not supported)");
        }

        var width = code.Width / 1000;
        var advance = ((width * size) + state.CharSpacing + (code.IsWordSpace ? state.WordSpacing : 0)) * scale;
        textMatrix = Matrix2D.Translation(advance, 0).Multiply(textMatrix);

        var baseline = Math.Sqrt((rendering.A * rendering.A) + (rendering.B * rendering.B));
        var (ux, uy) = baseline > 0 ? (rendering.A / baseline, rendering.B / baseline) : (1.0, 0.0);
        var orientation = (int)Math.Round(Math.Atan2(uy, ux) * 180 / Math.PI);
        var (originX, originY) = rendering.Transform(0, 0);
        var (endX, endY) = rendering.Transform(width, 0);
        var height = Math.Abs((rendering.D * ux) - (rendering.C * uy));
        var box = Corner(rendering, 0, font.Descent);
        box = box.Union(Corner(rendering, width, font.Descent)).Union(Corner(rendering, 0, font.Ascent)).Union(Corner(rendering, width, font.Ascent));
        return new PlacedGlyph(
            code.Text,
            (originX * ux) + (originY * uy),
            (originY * ux) - (originX * uy),
            (endX * ux) + (endY * uy),
            height,
            box,
            orientation == -180 ? 180 : orientation);
    }

    private static Box Corner(Matrix2D rendering, double x, double y)
    {
        var (cx, cy) = rendering.Transform(x, y);
        return new Box(cx, cy, cx, cy);
    }

    private static Matrix2D Matrix(IReadOnlyList<ContentToken> op) =>
        new(Number(op, 0, 6), Number(op, 1, 6), Number(op, 2, 6), Number(op, 3, 6), Number(op, 4, 6), Number(op, 5, 6));

    private static double Number(IReadOnlyList<ContentToken> op, int index, int count)
    {
        Require(op.Count == count && op[index].Kind == ContentTokenKind.Number);
        return op[index].Number;
    }

    private static ContentToken String(IReadOnlyList<ContentToken> op, int index, int count)
    {
        Require(op.Count == count && op[index].Kind == ContentTokenKind.String);
        return op[index];
    }

    private static void Require(bool condition)
    {
        if (!condition)
        {
            throw new PdfRedactionException(Malformed);
        }
    }

    private sealed class GraphicsState
    {
        public Matrix2D Ctm { get; set; } = Matrix2D.Identity;

        public TextFont? Font { get; set; }

        public double FontSize { get; set; }

        public double CharSpacing { get; set; }

        public double WordSpacing { get; set; }

        public double HorizontalScale { get; set; } = 1;

        public double Leading { get; set; }

        public double Rise { get; set; }

        public int RenderMode { get; set; }

        public GraphicsState Clone() => (GraphicsState)MemberwiseClone();
    }
}
