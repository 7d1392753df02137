namespace TenderConsortium.Documents.Templates;

/// <summary>
/// What placeholders can see at one point of a template: the model's top-level properties and the items of the
/// repeats around them, innermost first. The same shape serves checking (with types) and filling (with values).
/// </summary>
public sealed class TemplateScope<T>
{
    private readonly TemplateScope<T>? _outer;
    private readonly string? _name;
    private readonly T _value;

    private TemplateScope(TemplateScope<T>? outer, string? name, T value)
    {
        _outer = outer;
        _name = name;
        _value = value;
    }

    public static TemplateScope<T> Root(T model) => new(null, null, model);

    public TemplateScope<T> With(string name, T value) => new(this, name, value);

    /// <summary>The repeat item named <paramref name="name"/>, else the root model (whose properties are the top-level names).</summary>
    public (T Start, bool IsVariable) Find(string name)
    {
        for (var scope = this; scope is not null; scope = scope._outer)
        {
            if (scope._name is not null && string.Equals(scope._name, name, StringComparison.OrdinalIgnoreCase)) return (scope._value, true);
            if (scope._outer is null) return (scope._value, false);
        }

        throw new InvalidOperationException("a scope always has a root");
    }
}
