using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OffCloudException : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OffCloudAt",
                table: "InfoSystems",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OffCloudBy",
                table: "InfoSystems",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OffCloudReason",
                table: "InfoSystems",
                type: "character varying(500)",
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
