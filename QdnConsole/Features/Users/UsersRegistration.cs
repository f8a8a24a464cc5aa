namespace QdnConsole.Features.Users;

/// <summary>Registration of the Users feature: the owner's /users page and the anonymous /account/invite page.</summary>
public static class UsersRegistration
{
    public static WebApplicationBuilder AddUsers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserAdmin>();
        builder.Services.AddSingleton<Invitations>();
        return builder;
    }

    /// <summary>No endpoints: both pages are Razor components, authorized by their attributes.</summary>
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app) => app;
}
