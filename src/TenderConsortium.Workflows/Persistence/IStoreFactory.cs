namespace TenderConsortium.Workflows.Persistence;

/// <summary>
/// Makes a store (or a service over stores) whose reads and writes go through a given unit of work. Registered next
/// to the store itself, which works on its own transactions; an activity asks for the bound one (see
/// <c>ActivityContext.UnitOfWork</c>) so that its writes commit with its step.
/// </summary>
public interface IStoreFactory<out T> where T : class
{
    T For(IUnitOfWork unitOfWork);
}

/// <summary>An <see cref="IStoreFactory{T}"/> from a function, for registering in DI.</summary>
public sealed class StoreFactory<T>(Func<IUnitOfWork, T> create) : IStoreFactory<T> where T : class
{
    public T For(IUnitOfWork unitOfWork) => create(unitOfWork);
}
