using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace TenderConsortium.Documents.Templates;

/// <summary>
/// Resolves placeholder paths against document models by their public properties, case-insensitively ("lot.title"
/// reads Lot.Title). Templates are checked against the model's types before anything is filled, so a misspelt
/// placeholder is refused up front instead of silently printing nothing.
/// </summary>
public static class ModelPath
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo?> Properties = new();

    public static PropertyInfo? Property(Type type, string name) =>
        Properties.GetOrAdd((type, name), key => key.Item1.GetProperty(key.Item2,
            BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase));

    /// <summary>The item type when <paramref name="type"/> is a list placeholders can repeat over; null otherwise.</summary>
    public static Type? ItemType(Type type)
    {
        if (type == typeof(string)) return null;
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    /// <summary>A value placeholders can print: text, a number, a date or a flag.</summary>
    public static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t.IsEnum;
    }

    public static object? Get(object? target, string name)
    {
        if (target is null) return null;
        var property = Property(target.GetType(), name) ?? throw new InvalidOperationException($"no property '{name}' on {target.GetType().Name}");
        return property.GetValue(target);
    }

    public static IEnumerable<object?> Items(object? value) => value switch
    {
        null => [],
        string => throw new InvalidOperationException("text is not a list"),
        IEnumerable list => list.Cast<object?>(),
        _ => throw new InvalidOperationException($"{value.GetType().Name} is not a list"),
    };

    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "yes" : "no",
        DateOnly d => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        DateTimeOffset d => Core.Common.DisplayTime.Current.DateAndTime(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
