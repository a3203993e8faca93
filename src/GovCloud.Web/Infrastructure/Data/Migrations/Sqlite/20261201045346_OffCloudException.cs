using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OffCloudException : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OffCloudAt",
                table: "InfoSystems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OffCloudBy",
                table: "InfoSystems",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OffCloudReason",
                table: "InfoSystems",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OffCloudAt",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "OffCloudBy",
                table: "InfoSystems");

            migrationBuilder.DropColumn(
                name: "OffCloudReason",
                table: "InfoSystems");
        }
    }
}
